package io.carbonx.registry;

/**
 * Per instrument: units issued, retired, surrendered and cancelled over the registry's life, indexed by the dense
 * instrument id.
 * <p>
 * Serial numbers of an instrument start at 1 and every issued unit takes the next one, so the next serial to issue
 * is always {@code issued + 1}; no separate counter is needed.
 */
final class InstrumentTotals
{
    private final long[] issued;
    private final long[] retired;
    private final long[] cancelled;
    private final long[] surrendered;

    InstrumentTotals(final int maxInstrumentId)
    {
        issued = new long[maxInstrumentId + 1];
        retired = new long[maxInstrumentId + 1];
        cancelled = new long[maxInstrumentId + 1];
        surrendered = new long[maxInstrumentId + 1];
    }

    int maxInstrumentId()
    {
        return issued.length - 1;
    }

    boolean isKnown(final int instrumentId)
    {
        return instrumentId > 0 && instrumentId < issued.length;
    }

    long issued(final int instrumentId)
    {
        return issued[instrumentId];
    }

    long retired(final int instrumentId)
    {
        return retired[instrumentId];
    }

    long cancelled(final int instrumentId)
    {
        return cancelled[instrumentId];
    }

    long surrendered(final int instrumentId)
    {
        return surrendered[instrumentId];
    }

    long nextSerial(final int instrumentId)
    {
        return issued[instrumentId] + 1;
    }

    boolean isEmpty(final int instrumentId)
    {
        return 0 == issued[instrumentId] && 0 == retired[instrumentId] && 0 == cancelled[instrumentId] &&
            0 == surrendered[instrumentId];
    }

    void recordIssue(final int instrumentId, final long quantity)
    {
        issued[instrumentId] += quantity;
    }

    void recordRetirement(final int instrumentId, final long quantity)
    {
        retired[instrumentId] += quantity;
    }

    void recordCancellation(final int instrumentId, final long quantity)
    {
        cancelled[instrumentId] += quantity;
    }

    void recordSurrender(final int instrumentId, final long quantity)
    {
        surrendered[instrumentId] += quantity;
    }

    void restore(
        final int instrumentId, final long issued, final long retired, final long cancelled, final long surrendered)
    {
        this.issued[instrumentId] = issued;
        this.retired[instrumentId] = retired;
        this.cancelled[instrumentId] = cancelled;
        this.surrendered[instrumentId] = surrendered;
    }
}
