package io.carbonx.gateway.http;

import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradeDecoder;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The trades the read replica has seen, each dated by the day-close rule: a trade belongs to the trading date of the
 * first {@code DayClosed} after it, and to the open day (date 0) until then. Guarded by the replica's lock.
 */
final class TradeLog
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final DayClosedDecoder dayClosed = new DayClosedDecoder();
    private final List<TradeRecord> trades = new ArrayList<>();
    private int firstOpen;

    void onEvent(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (header.templateId() == TradeDecoder.TEMPLATE_ID)
        {
            trade.wrap(buffer, body, header.blockLength(), header.version());
            final boolean takerBuys = trade.aggressorSide() == Side.BUY;
            trades.add(new TradeRecord(trade.tradeId(), 0, trade.timestamp(), trade.instrumentId(), trade.price(),
                trade.quantity(), takerBuys ? trade.takerAccountId() : trade.makerAccountId(),
                takerBuys ? trade.makerAccountId() : trade.takerAccountId(), trade.buyerFee(), trade.sellerFee()));
        }
        else if (header.templateId() == DayClosedDecoder.TEMPLATE_ID)
        {
            final int date = dayClosed.wrap(buffer, body, header.blockLength(), header.version()).tradingDate();
            for (int i = firstOpen; i < trades.size(); i++)
            {
                trades.set(i, trades.get(i).onDate(date));
            }
            firstOpen = trades.size();
        }
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
}
