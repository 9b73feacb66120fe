package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;

import java.util.Arrays;

/**
 * A scheme's holding limits: the most tonnes of one instrument an account may hold, by account type.
 * <p>
 * A {@link AccountType#COMPLIANCE} account may hold what was allocated to it on top of its type's limit (Beijing
 * pilot: a covered entity may hold its allocation + 1,000,000 t, any other account 1,000,000 t, which is
 * {@code HoldingLimits.uniform(1_000_000)}). The limit counts units held and units that working buy orders may still
 * bring in, so it is enforced when units are transferred in or a buy order is accepted, never at settlement.
 * Issuance is not limited: it is the regulator's decision.
 * <p>
 * Immutable; {@link #with(AccountType, long)} returns a new instance.
 */
public final class HoldingLimits
{
    /**
     * The limit that means no limit.
     */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private static final HoldingLimits UNLIMITED_LIMITS = uniform(UNLIMITED);

    private final long[] tonnesByType;

    private HoldingLimits(final long[] tonnesByType)
    {
        this.tonnesByType = tonnesByType;
    }

    /**
     * @return limits under which every account may hold any quantity.
     */
    public static HoldingLimits unlimited()
    {
        return UNLIMITED_LIMITS;
    }

    /**
     * @param tonnes the limit of every account type (on top of the allocation for compliance accounts).
     * @return limits that are the same for every account type.
     */
    public static HoldingLimits uniform(final long tonnes)
    {
        final long[] tonnesByType = new long[AccountType.values().length];
        Arrays.fill(tonnesByType, requireNonNegative(tonnes));

        return new HoldingLimits(tonnesByType);
    }

    /**
     * @param type   of account.
     * @param tonnes its new limit, {@link #UNLIMITED} for none.
     * @return a copy of these limits with the limit of one account type replaced.
     */
    public HoldingLimits with(final AccountType type, final long tonnes)
    {
        if (AccountType.NULL_VAL == type)
        {
            throw new IllegalArgumentException("no limit for " + type);
        }

        final long[] copy = tonnesByType.clone();
        copy[type.ordinal()] = requireNonNegative(tonnes);

        return new HoldingLimits(copy);
    }

    /**
     * @param type of account.
     * @return the limit of the type, before any allocation is added.
     */
    public long tonnes(final AccountType type)
    {
        return tonnesByType[type.ordinal()];
    }

    /**
     * @param type      of the account.
     * @param allocated units issued into the account's holding of the instrument.
     * @return the most units of the instrument the account may hold, including units its buy orders may bring in.
     */
    public long limit(final AccountType type, final long allocated)
    {
        final long tonnes = tonnesByType[type.ordinal()];
        if (AccountType.COMPLIANCE != type)
        {
            return tonnes;
        }

        return tonnes > UNLIMITED - allocated ? UNLIMITED : tonnes + allocated;
    }

    /**
     * @param type       of the account.
     * @param allocated  units issued into the account's holding of the instrument.
     * @param total      units the account holds.
     * @param pendingBuy units its working buy orders may still bring in.
     * @param quantity   more units that are to come in.
     * @return true if the account may take the quantity on top of what it holds and may receive.
     */
    public boolean admits(
        final AccountType type, final long allocated, final long total, final long pendingBuy, final long quantity)
    {
        // Subtract rather than add so that nothing can overflow: every argument is >= 0.
        final long headroom = limit(type, allocated) - total;

        return headroom >= 0 && headroom - pendingBuy >= quantity;
    }

    public boolean equals(final Object other)
    {
        return other instanceof HoldingLimits && Arrays.equals(tonnesByType, ((HoldingLimits)other).tonnesByType);
    }

    public int hashCode()
    {
        return Arrays.hashCode(tonnesByType);
    }

    public String toString()
    {
        final StringBuilder builder = new StringBuilder("HoldingLimits{");
        for (final AccountType type : AccountType.values())
        {
            if (AccountType.NULL_VAL == type)
            {
                continue;
            }
            final long tonnes = tonnesByType[type.ordinal()];
            builder.append(0 == type.ordinal() ? "" : ", ").append(type).append('=');
            builder.append(UNLIMITED == tonnes ? "unlimited" : Long.toString(tonnes));
        }

        return builder.append('}').toString();
    }

    private static long requireNonNegative(final long tonnes)
    {
        if (tonnes < 0)
        {
            throw new IllegalArgumentException("holding limit must be >= 0: " + tonnes);
        }

        return tonnes;
    }
}
