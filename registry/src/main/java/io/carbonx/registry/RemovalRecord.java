package io.carbonx.registry;

import java.util.Objects;

/**
 * Units taken out of circulation for good, with the serial ranges they carried: a voluntary retirement by the holder,
 * a surrender for compliance or a cancellation by the regulator. Immutable.
 */
public final class RemovalRecord implements SerialRanges
{
    /**
     * Why the units left circulation; the code is what a snapshot stores.
     */
    public enum Kind
    {
        /** Voluntary retirement by the holder, for a beneficiary and a reason. */
        RETIREMENT(1),
        /** Cancellation by the regulator. */
        CANCELLATION(2),
        /** Surrender by a covered enterprise for its compliance obligation. */
        SURRENDER(3);

        private final int code;

        Kind(final int code)
        {
            this.code = code;
        }

        public int code()
        {
            return code;
        }

        public static Kind get(final int code)
        {
            for (final Kind kind : values())
            {
                if (kind.code == code)
                {
                    return kind;
                }
            }

            throw new IllegalArgumentException("unknown removal kind: " + code);
        }
    }

    private final Kind kind;
    private final long accountId;
    private final int instrumentId;
    private final String beneficiary;
    private final String reason;
    private final long[] starts;
    private final long[] ends;
    private final long quantity;

    RemovalRecord(
        final Kind kind,
        final long accountId,
        final int instrumentId,
        final String beneficiary,
        final String reason,
        final SerialRanges serials)
    {
        this.kind = Objects.requireNonNull(kind);
        this.accountId = accountId;
        this.instrumentId = instrumentId;
        this.beneficiary = Objects.requireNonNull(beneficiary);
        this.reason = Objects.requireNonNull(reason);

        final int count = serials.rangeCount();
        starts = new long[count];
        ends = new long[count];
        for (int i = 0; i < count; i++)
        {
            starts[i] = serials.rangeStart(i);
            ends[i] = serials.rangeEnd(i);
        }
        quantity = serials.unitCount();
    }

    public Kind kind()
    {
        return kind;
    }

    public long accountId()
    {
        return accountId;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return the number of units removed.
     */
    public long quantity()
    {
        return quantity;
    }

    /**
     * @return on whose behalf the units were retired; empty for a cancellation or a surrender.
     */
    public String beneficiary()
    {
        return beneficiary;
    }

    /**
     * @return why the units were retired; empty for a cancellation or a surrender.
     */
    public String reason()
    {
        return reason;
    }

    public int rangeCount()
    {
        return starts.length;
    }

    public long rangeStart(final int index)
    {
        return starts[index];
    }

    public long rangeEnd(final int index)
    {
        return ends[index];
    }

    public long unitCount()
    {
        return quantity;
    }

    public String toString()
    {
        final StringBuilder builder = new StringBuilder("RemovalRecord{")
            .append(kind)
            .append(", accountId=").append(accountId)
            .append(", instrumentId=").append(instrumentId)
            .append(", quantity=").append(quantity)
            .append(", beneficiary='").append(beneficiary).append('\'')
            .append(", reason='").append(reason).append('\'')
            .append(", serials=");
        for (int i = 0; i < starts.length; i++)
        {
            builder.append(0 == i ? "" : ",").append('[').append(starts[i]).append(',').append(ends[i]).append(']');
        }

        return builder.append('}').toString();
    }
}
