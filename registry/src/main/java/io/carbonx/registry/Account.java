package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;

import java.util.Arrays;

/**
 * A registry account: its cash, its holdings by instrument and the brokers that may act for it.
 * <p>
 * Holdings and brokers are kept in arrays sorted by id: an account holds a few instruments and has a few brokers,
 * so a binary search finds them without allocating, and iterating in id order is deterministic for free.
 * {@code cashAvailable = cashTotal - cashReserved}.
 * <p>
 * Read-only outside the package; the {@link Registry} is the only writer.
 */
public final class Account
{
    private static final int[] NO_IDS = new int[0];
    private static final Holding[] NO_HOLDINGS = new Holding[0];

    private final long id;
    private final AccountType type;
    private final SerialRangeChunkPool serialChunks;
    private long cashTotal;
    private long cashReserved;
    private int[] brokerIds = NO_IDS;
    private int brokerCount;
    private int[] instrumentIds = NO_IDS;
    private Holding[] holdings = NO_HOLDINGS;
    private int holdingCount;

    /**
     * @param serialChunks the registry's pool, which the serial ranges of this account's holdings grow into.
     */
    Account(final long id, final AccountType type, final SerialRangeChunkPool serialChunks)
    {
        this.id = id;
        this.type = type;
        this.serialChunks = serialChunks;
    }

    public long id()
    {
        return id;
    }

    public AccountType type()
    {
        return type;
    }

    /**
     * @return all the account's cash in 0.01 currency units.
     */
    public long cashTotal()
    {
        return cashTotal;
    }

    /**
     * @return cash earmarked for working buy orders.
     */
    public long cashReserved()
    {
        return cashReserved;
    }

    /**
     * @return cash free to be reserved or withdrawn.
     */
    public long cashAvailable()
    {
        return cashTotal - cashReserved;
    }

    /**
     * @return how many brokers are linked to the account.
     */
    public int brokerCount()
    {
        return brokerCount;
    }

    /**
     * @param index of a linked broker in ascending id order.
     * @return the broker's id.
     */
    public int brokerId(final int index)
    {
        checkIndex(index, brokerCount);
        return brokerIds[index];
    }

    /**
     * @param brokerId of a member.
     * @return true if the broker is linked to the account.
     */
    public boolean isLinked(final int brokerId)
    {
        return Arrays.binarySearch(brokerIds, 0, brokerCount, brokerId) >= 0;
    }

    /**
     * @param instrumentId of an instrument.
     * @return the account's holding of the instrument, or null if the account has never had one.
     */
    public Holding holding(final int instrumentId)
    {
        final int index = Arrays.binarySearch(instrumentIds, 0, holdingCount, instrumentId);

        return index >= 0 ? holdings[index] : null;
    }

    /**
     * @return how many holdings the account has, empty ones included.
     */
    public int holdingCount()
    {
        return holdingCount;
    }

    /**
     * @param index of a holding in ascending instrument id order.
     * @return the holding.
     */
    public Holding holdingAt(final int index)
    {
        checkIndex(index, holdingCount);
        return holdings[index];
    }

    /**
     * The account's holding of an instrument, created empty on first use: the only allocation an account makes
     * after its first touch of an instrument.
     */
    Holding holdingForUpdate(final int instrumentId)
    {
        final int index = Arrays.binarySearch(instrumentIds, 0, holdingCount, instrumentId);
        if (index >= 0)
        {
            return holdings[index];
        }

        final int insertAt = -index - 1;
        if (holdingCount == holdings.length)
        {
            final int capacity = Math.max(4, holdingCount << 1);
            instrumentIds = Arrays.copyOf(instrumentIds, capacity);
            holdings = Arrays.copyOf(holdings, capacity);
        }

        System.arraycopy(instrumentIds, insertAt, instrumentIds, insertAt + 1, holdingCount - insertAt);
        System.arraycopy(holdings, insertAt, holdings, insertAt + 1, holdingCount - insertAt);
        final Holding holding = new Holding(instrumentId, serialChunks);
        instrumentIds[insertAt] = instrumentId;
        holdings[insertAt] = holding;
        holdingCount++;

        return holding;
    }

    /**
     * @return false if the broker was already linked.
     */
    boolean link(final int brokerId)
    {
        final int index = Arrays.binarySearch(brokerIds, 0, brokerCount, brokerId);
        if (index >= 0)
        {
            return false;
        }

        final int insertAt = -index - 1;
        if (brokerCount == brokerIds.length)
        {
            brokerIds = Arrays.copyOf(brokerIds, Math.max(4, brokerCount << 1));
        }

        System.arraycopy(brokerIds, insertAt, brokerIds, insertAt + 1, brokerCount - insertAt);
        brokerIds[insertAt] = brokerId;
        brokerCount++;

        return true;
    }

    void deposit(final long amount)
    {
        cashTotal += amount;
    }

    void withdraw(final long amount)
    {
        cashTotal -= amount;
    }

    void reserveCash(final long amount)
    {
        cashReserved += amount;
    }

    void releaseCash(final long amount)
    {
        cashReserved -= amount;
    }

    /**
     * Pay for a trade out of the reservation of the buy order: the whole {@code released} amount leaves the
     * reservation, {@code paid} of it leaves the account and the rest becomes available again.
     */
    void payFromReservation(final long paid, final long released)
    {
        cashReserved -= released;
        cashTotal -= paid;
    }

    void restoreCash(final long total, final long reserved)
    {
        cashTotal = total;
        cashReserved = reserved;
    }

    public String toString()
    {
        return "Account{id=" + id +
            ", type=" + type +
            ", cashTotal=" + cashTotal +
            ", cashReserved=" + cashReserved +
            ", brokers=" + brokerCount +
            ", holdings=" + holdingCount +
            '}';
    }

    private static void checkIndex(final int index, final int count)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("index " + index + " of " + count);
        }
    }
}
