package io.carbonx.server.crash;

import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderAmendedDecoder;
import io.carbonx.protocol.sbe.OrderCancelledDecoder;
import io.carbonx.protocol.sbe.OrderExpiredDecoder;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.reports.Balances;
import io.carbonx.reports.JournalReports;
import io.carbonx.reports.ReportFold;
import io.carbonx.reports.Table;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's truth, from its journal: the journal is replayed through a fresh state machine by the project's own
 * replay ({@link JournalReports}, deterministic, so it produces the very events the exchange produced) and every order
 * event is folded into an {@link EngineOrder}; the balances at the end of the journal come with it. The journal is
 * only read, so this works while the server runs. Built and read by the test thread.
 */
final class JournalTruth implements ReportFold
{
    final Map<Long, EngineOrder> orders = new TreeMap<>();
    Balances closing;
    long lastSequence = -1;
    long trades;

    private JournalTruth()
    {
    }

    static JournalTruth read(final Path journal, final ExchangeSettings settings)
    {
        final JournalTruth truth = new JournalTruth();
        JournalReports.replay(journal, settings, List.of(truth));
        return truth;
    }

    @Override
    public void onOrderAccepted(final EventEnvelopeDecoder envelope, final OrderAcceptedDecoder accepted)
    {
        final EngineOrder order = order(accepted.orderId(), seen(envelope));
        order.accepted = true;
        order.accountId = accepted.accountId();
        order.instrumentId = accepted.instrumentId();
        order.side = accepted.side() == Side.BUY ? 'B' : 'S';
        order.price = accepted.price();
        order.quantity = accepted.quantity();
    }

    @Override
    public void onCommandRejected(final EventEnvelopeDecoder envelope, final CommandRejectedDecoder rejected)
    {
        final long commandSequence = seen(envelope);
        if (rejected.orderId() != 0)
        {
            final EngineOrder order = order(rejected.orderId(), commandSequence);
            if (rejected.commandKind() == CommandKind.NEW_ORDER)
            {
                order.rejectReason = rejected.reason().name();
                order.accountId = rejected.accountId();
                order.instrumentId = rejected.instrumentId();
            }
            else if (rejected.commandKind() == CommandKind.CANCEL_ORDER ||
                rejected.commandKind() == CommandKind.AMEND_ORDER)
            {
                order.cancelRejects++;
            }
        }
    }

    @Override
    public void onTrade(final EventEnvelopeDecoder envelope, final TradeDecoder trade)
    {
        final long commandSequence = seen(envelope);
        trades++;
        order(trade.takerOrderId(), commandSequence).fills.add(
            new EngineOrder.Fill(trade.tradeId(), trade.quantity(), trade.price(), commandSequence));
        order(trade.makerOrderId(), commandSequence).fills.add(
            new EngineOrder.Fill(trade.tradeId(), trade.quantity(), trade.price(), commandSequence));
    }

    @Override
    public void onOrderCancelled(final EventEnvelopeDecoder envelope, final OrderCancelledDecoder cancelled)
    {
        order(cancelled.orderId(), seen(envelope)).cancelled = true;
    }

    @Override
    public void onOrderExpired(final EventEnvelopeDecoder envelope, final OrderExpiredDecoder expired)
    {
        order(expired.orderId(), seen(envelope)).expired = true;
    }

    @Override
    public void onOrderAmended(final EventEnvelopeDecoder envelope, final OrderAmendedDecoder amended)
    {
        order(amended.orderId(), seen(envelope)).amendments++;
    }

    @Override
    public void onEnvelope(final EventEnvelopeDecoder envelope, final int templateId)
    {
        // every event moves the last sequence seen, whether or not it is about an order
        lastSequence = Math.max(lastSequence, envelope.commandSequence());
    }

    private static long seen(final EventEnvelopeDecoder envelope)
    {
        return envelope.commandSequence();
    }

    private EngineOrder order(final long orderId, final long commandSequence)
    {
        final EngineOrder order = orders.computeIfAbsent(orderId, EngineOrder::new);
        if (order.firstSequence < 0)
        {
            order.firstSequence = commandSequence;
        }
        return order;
    }

    @Override
    public void onDayEnd(final int date, final Balances opening, final Balances closing)
    {
        this.closing = closing;
    }

    @Override
    public Table table(final int date)
    {
        return null;
    }
}
