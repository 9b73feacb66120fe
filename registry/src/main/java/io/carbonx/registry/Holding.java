package io.carbonx.registry;

/**
 * What one account holds of one instrument: its units, what is earmarked among them, and their serial ranges.
 * <p>
 * {@code available = total - reserved - pledged - locked}; only available units may be reserved, pledged,
 * transferred, retired or cancelled. {@code pendingBuy} and {@code allocated} are not units held: they count units
 * that working buy orders may still bring in and units issued into the account, both for the holding limit.
 * <p>
 * Read-only outside the package; the {@link Registry} is the only writer and keeps the serial ranges' unit count
 * equal to {@link #total()}.
 */
public final class Holding
{
    private final int instrumentId;
    private final SerialRangeQueue serials;
    private long total;
    private long reserved;
    private long pledged;
    private long locked;
    private long pendingBuy;
    private long allocated;

    Holding(final int instrumentId, final SerialRangeChunkPool serialChunks)
    {
        this.instrumentId = instrumentId;
        this.serials = new SerialRangeQueue(serialChunks);
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return every unit held, whatever is earmarked.
     */
    public long total()
    {
        return total;
    }

    /**
     * @return units earmarked for working sell orders.
     */
    public long reserved()
    {
        return reserved;
    }

    /**
     * @return units pledged as collateral.
     */
    public long pledged()
    {
        return pledged;
    }

    /**
     * @return units bought this trading day, which may not be sold before the next one.
     */
    public long locked()
    {
        return locked;
    }

    /**
     * @return units that working buy orders of the account may still bring in.
     */
    public long pendingBuy()
    {
        return pendingBuy;
    }

    /**
     * @return units issued into this holding over its life.
     */
    public long allocated()
    {
        return allocated;
    }

    /**
     * @return units free to be reserved, pledged, transferred, retired or cancelled.
     */
    public long available()
    {
        return total - reserved - pledged - locked;
    }

    /**
     * @return the serial ranges of the {@link #total()} units, in the order they will leave.
     */
    public SerialRanges serials()
    {
        return serials;
    }

    /**
     * @return true if nothing is held, earmarked or allocated, so the holding need not be kept in a snapshot.
     */
    public boolean isEmpty()
    {
        return 0 == total && 0 == pendingBuy && 0 == allocated;
    }

    SerialRangeQueue serialQueue()
    {
        return serials;
    }

    void issue(final long start, final long end)
    {
        serials.append(start, end);
        total += end - start + 1;
        allocated += end - start + 1;
    }

    void transferAvailableTo(final Holding receiver, final long quantity, final MovedSerials moved)
    {
        serials.moveFrontTo(quantity, receiver.serials, moved);
        total -= quantity;
        receiver.total += quantity;
    }

    void removeAvailable(final long quantity, final SerialRangeQueue removedSerials, final MovedSerials moved)
    {
        serials.moveFrontTo(quantity, removedSerials, moved);
        total -= quantity;
    }

    void reserve(final long quantity)
    {
        reserved += quantity;
    }

    void release(final long quantity)
    {
        reserved -= quantity;
    }

    void pledge(final long quantity)
    {
        pledged += quantity;
    }

    void unpledge(final long quantity)
    {
        pledged -= quantity;
    }

    void reservePendingBuy(final long quantity)
    {
        pendingBuy += quantity;
    }

    void releasePendingBuy(final long quantity)
    {
        pendingBuy -= quantity;
    }

    /**
     * Deliver units sold by this holding's working sell orders to the buyer, whose buy orders expected them and who
     * may not sell them before the next trading day.
     */
    void deliverReservedTo(final Holding buyer, final long quantity, final MovedSerials moved)
    {
        serials.moveFrontTo(quantity, buyer.serials, moved);
        reserved -= quantity;
        total -= quantity;
        buyer.pendingBuy -= quantity;
        buyer.total += quantity;
        buyer.locked += quantity;
    }

    void unlock()
    {
        locked = 0;
    }

    void restore(
        final long total,
        final long reserved,
        final long pledged,
        final long locked,
        final long pendingBuy,
        final long allocated)
    {
        this.total = total;
        this.reserved = reserved;
        this.pledged = pledged;
        this.locked = locked;
        this.pendingBuy = pendingBuy;
        this.allocated = allocated;
    }

    public String toString()
    {
        return "Holding{instrumentId=" + instrumentId +
            ", total=" + total +
            ", reserved=" + reserved +
            ", pledged=" + pledged +
            ", locked=" + locked +
            ", pendingBuy=" + pendingBuy +
            ", allocated=" + allocated +
            ", ranges=" + serials.rangeCount() +
            '}';
    }
}
