package io.carbonx.registry;

/**
 * What one account holds of one instrument: its units, what is earmarked among them, and their serial ranges.
 * <p>
 * {@code available = total - reserved - pledged - locked}; only available units may be reserved, pledged,
 * transferred, retired or cancelled. {@code pendingBuy} and {@code allocated} are not units held: they count units
 * that working buy orders may still bring in and units issued into the account, both for the holding limit.
 * <p>
 * The serials are in two lists: the pledged units' exact blocks, and every other unit's ({@link #serials()}), which
 * is the only list units leave the holding from, so a pledged tonne stays until it is released. Reserved and locked
 * units are counts within the unpledged list: a sale delivers its front, so the reserved units are the front
 * {@link #reserved()} of it, and units bought today arrived at its back.
 * <p>
 * Read-only outside the package; the {@link Registry} is the only writer and keeps the unpledged list's unit count
 * equal to {@code total - pledged} and the pledged list's to {@link #pledged()}.
 */
public final class Holding
{
    private final int instrumentId;
    private final SerialRangeQueue serials;
    private final SerialRangeQueue pledgedSerials;
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
        this.pledgedSerials = new SerialRangeQueue(serialChunks);
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
     * @return the serial ranges of the {@code total - pledged} units not pledged, in the order they will leave.
     */
    public SerialRanges serials()
    {
        return serials;
    }

    /**
     * @return the exact serial ranges of the {@link #pledged()} units, in the order a release gives them back.
     */
    public SerialRanges pledgedSerials()
    {
        return pledgedSerials;
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

    SerialRangeQueue pledgedSerialQueue()
    {
        return pledgedSerials;
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

    /**
     * Pledge the oldest available units: the {@code quantity} units right after the front {@link #reserved()} of
     * the unpledged list (which working sell orders will deliver) move, as they are, to the back of the pledged list.
     *
     * @param scratch an empty queue on the same chunk pool, to rebuild the unpledged list through; left empty.
     */
    void pledge(final long quantity, final SerialRangeQueue scratch, final MovedSerials moved)
    {
        serials.moveFrontTo(reserved, scratch);
        serials.moveFrontTo(quantity, pledgedSerials, moved);
        rejoin(scratch);
        pledged += quantity;
    }

    /**
     * Release the oldest pledged units: they go back where a pledge takes units from, right after the front
     * {@link #reserved()} of the unpledged list, so they are again the oldest available units and a release of
     * the last pledge, with nothing moved in between, leaves the unpledged list as it was before it.
     *
     * @param scratch an empty queue on the same chunk pool, to rebuild the unpledged list through; left empty.
     */
    void unpledge(final long quantity, final SerialRangeQueue scratch, final MovedSerials moved)
    {
        serials.moveFrontTo(reserved, scratch);
        pledgedSerials.moveFrontTo(quantity, scratch, moved);
        rejoin(scratch);
        pledged -= quantity;
    }

    /**
     * The unpledged list becomes {@code scratch} followed by what it holds now. Rebuilding costs a pass over the
     * list's ranges, paid only by pledges and releases, never on the trade path; chunks pass through the shared pool.
     */
    private void rejoin(final SerialRangeQueue scratch)
    {
        serials.moveFrontTo(serials.unitCount(), scratch);
        scratch.moveFrontTo(scratch.unitCount(), serials);
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
