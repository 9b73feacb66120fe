package io.carbonx.engine.core;

import io.carbonx.clearing.compliance.ComplianceInstruments;
import io.carbonx.engine.book.OrderBook;
import io.carbonx.engine.book.OrderBookListener;
import io.carbonx.engine.instrument.Instrument;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.InstrumentKind;

/**
 * The state the command classes share: the listed instruments, each with its book and day figures, the earliest
 * expiry time of a resting GTD order, and the sequence of trade ids (book and block trades draw from the same one).
 * <p>
 * Also the compliance desk's view of the listed instruments. Written only by the business-logic thread; instruments
 * are walked in id order, never in hash order.
 */
final class Market implements ComplianceInstruments
{
    private final ExchangeSettings settings;
    private final OrderBook[] books;
    private final DailyStatistics[] statistics;
    private long tradeId;
    private long nextExpireTime = Long.MAX_VALUE;

    Market(final ExchangeSettings settings)
    {
        this.settings = settings;
        this.books = new OrderBook[settings.maxInstrumentId() + 1];
        this.statistics = new DailyStatistics[settings.maxInstrumentId() + 1];
    }

    /**
     * List an instrument: a new book, reporting to {@code listener}, and empty day figures.
     */
    OrderBook list(final InstrumentSpec spec, final OrderBookListener listener)
    {
        final OrderBook book = new OrderBook(
            new Instrument(spec), settings.orderCapacityPerBook(), settings.closedOrderMemory(), listener);
        books[spec.id()] = book;
        statistics[spec.id()] = new DailyStatistics();
        return book;
    }

    /**
     * @return the book of a listed instrument, or null for any other id, in range or not.
     */
    OrderBook book(final int instrumentId)
    {
        return instrumentId > 0 && instrumentId < books.length ? books[instrumentId] : null;
    }

    /**
     * @return a listed instrument, or null for any other id.
     */
    Instrument instrument(final int instrumentId)
    {
        final OrderBook book = book(instrumentId);
        return book == null ? null : book.instrument();
    }

    /**
     * @return the day figures of a listed instrument, or null for any other id.
     */
    DailyStatistics statistics(final int instrumentId)
    {
        return book(instrumentId) == null ? null : statistics[instrumentId];
    }

    /**
     * @return one more than the highest instrument id that can be listed: walk ids 1 until this, skipping nulls.
     */
    int idLimit()
    {
        return books.length;
    }

    int listedCount()
    {
        int listed = 0;
        for (final OrderBook book : books)
        {
            listed += book == null ? 0 : 1;
        }
        return listed;
    }

    // ------------------------------------------------------------------------------------------------ expiry

    long nextExpireTime()
    {
        return nextExpireTime;
    }

    /**
     * A GTD order now rests until {@code expireTime}: make sure the clock passing it is noticed.
     */
    void expiresAt(final long expireTime)
    {
        nextExpireTime = Math.min(nextExpireTime, expireTime);
    }

    /**
     * Expire every GTD order due by {@code now}, in instrument id order, and find the next expiry.
     */
    void expireUpTo(final long now)
    {
        long earliest = Long.MAX_VALUE;
        for (final OrderBook book : books)
        {
            if (book != null)
            {
                book.expireUpTo(now);
                earliest = Math.min(earliest, book.nextExpireTime());
            }
        }
        nextExpireTime = earliest;
    }

    // ------------------------------------------------------------------------------------------------ trade ids

    long lastTradeId()
    {
        return tradeId;
    }

    /**
     * @return the next trade id, now taken.
     */
    long takeTradeId()
    {
        return ++tradeId;
    }

    /**
     * Restore the trade-id sequence from a snapshot.
     */
    void lastTradeId(final long tradeId)
    {
        this.tradeId = tradeId;
    }

    // ------------------------------------------------------------------------------------ ComplianceInstruments

    @Override
    public int maxInstrumentId()
    {
        return settings.maxInstrumentId();
    }

    @Override
    public InstrumentKind kind(final int instrumentId)
    {
        final OrderBook book = book(instrumentId);
        return book == null ? null : book.instrument().spec().kind();
    }

    @Override
    public int vintage(final int instrumentId)
    {
        return books[instrumentId].instrument().spec().vintage();
    }

    @Override
    public long referencePrice(final int instrumentId)
    {
        return books[instrumentId].instrument().referencePrice();
    }
}
