package io.carbonx.reports.surveillance;

/**
 * One number that made an alert fire, fixed-point as the engine keeps it.
 *
 * @param name  how the alert's JSON names it, e.g. {@code quantity}.
 * @param value in the unit's fixed point: 0.01 currency units for a price, whole tonnes for a quantity.
 * @param unit  how to read and show the value.
 */
public record Figure(String name, long value, Unit unit)
{
    /**
     * How a figure's value is read.
     */
    public enum Unit
    {
        /** 0.01 currency units, shown as decimal text ("92.00"). */
        PRICE,
        /** Whole tonnes. */
        QUANTITY,
        /** Basis points. */
        BPS,
        /** A count of events. */
        COUNT,
        /** Milliseconds. */
        MILLIS,
        /** Seconds. */
        SECONDS,
        /** An order or trade id. */
        ID
    }

    static Figure price(final String name, final long value)
    {
        return new Figure(name, value, Unit.PRICE);
    }

    static Figure quantity(final String name, final long value)
    {
        return new Figure(name, value, Unit.QUANTITY);
    }

    static Figure bps(final String name, final long value)
    {
        return new Figure(name, value, Unit.BPS);
    }

    static Figure count(final String name, final long value)
    {
        return new Figure(name, value, Unit.COUNT);
    }

    static Figure millis(final String name, final long value)
    {
        return new Figure(name, value, Unit.MILLIS);
    }

    static Figure seconds(final String name, final long value)
    {
        return new Figure(name, value, Unit.SECONDS);
    }

    static Figure id(final String name, final long value)
    {
        return new Figure(name, value, Unit.ID);
    }
}
