package io.carbonx.registry;

/**
 * The kinds of registry account, with the names and codes of the schema's {@code AccountType} enum.
 * <p>
 * The schema defines {@code AccountType}, but SBE generates only the types that some message refers to, and no
 * message carries an account type yet, so there is no generated class to use. This mirror keeps the schema's names
 * and codes, with the generated enums' {@link #value()} and {@link #get(short)}, so that moving to the generated
 * enum once an account-opening command refers to it is a change of import. {@code AccountTypeTest} compares the two
 * and fails if they drift apart.
 */
public enum AccountType
{
    /** Operator holding account of a covered enterprise. */
    COMPLIANCE((short)1),
    /** Trading or person holding account. */
    TRADING((short)2),
    /** Receives issued offsets and carbon-sink credits. */
    PROJECT_OWNER((short)3),
    /** The regulator's issuance account. */
    ISSUANCE((short)4),
    /** The regulator's account holding units for primary auctions. */
    AUCTION((short)5),
    /** The regulator's cancellation account. */
    CANCELLATION((short)6),
    /** The exchange's account that collects trading fees; it holds cash only. */
    FEE((short)7);

    private static final AccountType[] BY_VALUE = new AccountType[8];

    static
    {
        for (final AccountType type : values())
        {
            BY_VALUE[type.value] = type;
        }
    }

    private final short value;

    AccountType(final short value)
    {
        this.value = value;
    }

    /**
     * @return the code of this type in the schema.
     */
    public short value()
    {
        return value;
    }

    /**
     * @param value a code from the schema.
     * @return the type with that code.
     * @throws IllegalArgumentException if no type has that code.
     */
    public static AccountType get(final short value)
    {
        if (value > 0 && value < BY_VALUE.length && null != BY_VALUE[value])
        {
            return BY_VALUE[value];
        }

        throw new IllegalArgumentException("unknown account type: " + value);
    }
}
