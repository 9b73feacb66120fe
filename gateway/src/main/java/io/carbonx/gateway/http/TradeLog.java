package io.carbonx.gateway.http;

import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.EngineEventHandler;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradeDecoder;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The trades the read replica has seen, each dated by the day-close rule: a trade belongs to the trading date of the
 * first {@code DayClosed} after it, and to the open day (date 0) until then. Guarded by the replica's lock.
 * <p>
 * Written by the thread recovering the replica, then only by the replica's own thread; read by API threads under the
 * same lock.
 */
final class TradeLog
{
    private final EngineEventAdapter adapter = new EngineEventAdapter(new Handler());
    private final List<TradeRecord> trades = new ArrayList<>();
    private int firstOpen;

    void onEvent(final DirectBuffer buffer, final int offset)
    {
        adapter.onEvent(buffer, offset);
    }

    /**
     * @param accountId 0 for every account.
     * @param date      yyyymmdd, or 0 for the open day.
     */
    List<TradeRecord> select(final long accountId, final int date)
    {
        final List<TradeRecord> selected = new ArrayList<>();
        for (final TradeRecord record : trades)
        {
            if (record.tradingDate() == date && (accountId == 0 || record.involves(accountId)))
            {
                selected.add(record);
            }
        }
        return selected;
    }

    /**
     * @return every trade of the instrument, in the order they happened.
     */
    List<TradeRecord> ofInstrument(final int instrumentId)
    {
        final List<TradeRecord> selected = new ArrayList<>();
        for (final TradeRecord record : trades)
        {
            if (record.instrumentId() == instrumentId)
            {
                selected.add(record);
            }
        }
        return selected;
    }

    private final class Handler implements EngineEventHandler
    {
        @Override
        public void onTrade(final EventEnvelopeDecoder envelope, final TradeDecoder trade)
        {
            final boolean takerBuys = trade.aggressorSide() == Side.BUY;
            trades.add(new TradeRecord(trade.tradeId(), 0, envelope.timestamp(), trade.instrumentId(), trade.price(),
                trade.quantity(), takerBuys ? trade.takerAccountId() : trade.makerAccountId(),
                takerBuys ? trade.makerAccountId() : trade.takerAccountId(), trade.buyerFee(), trade.sellerFee()));
        }

        @Override
        public void onDayClosed(final EventEnvelopeDecoder envelope, final DayClosedDecoder dayClosed)
        {
            final int date = dayClosed.tradingDate();
            for (int i = firstOpen; i < trades.size(); i++)
            {
                trades.set(i, trades.get(i).onDate(date));
            }
            firstOpen = trades.size();
        }
    }
}
