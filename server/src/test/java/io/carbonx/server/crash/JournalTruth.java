package io.carbonx.server.crash;

import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.reports.Balances;
import io.carbonx.reports.JournalReports;
import io.carbonx.reports.ReportFold;
import io.carbonx.reports.Table;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderAmendedDecoder;
import io.carbonx.protocol.sbe.OrderCancelledDecoder;
import io.carbonx.protocol.sbe.OrderExpiredDecoder;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradeDecoder;
import org.agrona.DirectBuffer;

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

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();
    private final OrderAmendedDecoder amended = new OrderAmendedDecoder();
    private final OrderExpiredDecoder expired = new OrderExpiredDecoder();

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
    public void onEvent(final DirectBuffer buffer, final int offset, final long commandSequence)
    {
        lastSequence = Math.max(lastSequence, commandSequence);
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID ->
            {
                accepted.wrap(buffer, body, blockLength, version);
                final EngineOrder order = order(accepted.orderId(), commandSequence);
                order.accepted = true;
                order.accountId = accepted.accountId();
                order.instrumentId = accepted.instrumentId();
                order.side = accepted.side() == Side.BUY ? 'B' : 'S';
                order.price = accepted.price();
                order.quantity = accepted.quantity();
            }
            case CommandRejectedDecoder.TEMPLATE_ID ->
            {
                rejected.wrap(buffer, body, blockLength, version);
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
            case TradeDecoder.TEMPLATE_ID ->
            {
                trade.wrap(buffer, body, blockLength, version);
                trades++;
                order(trade.takerOrderId(), commandSequence).fills.add(
                    new EngineOrder.Fill(trade.tradeId(), trade.quantity(), trade.price(), commandSequence));
                order(trade.makerOrderId(), commandSequence).fills.add(
                    new EngineOrder.Fill(trade.tradeId(), trade.quantity(), trade.price(), commandSequence));
            }
            case OrderCancelledDecoder.TEMPLATE_ID ->
                order(cancelled.wrap(buffer, body, blockLength, version).orderId(), commandSequence).cancelled = true;
            case OrderExpiredDecoder.TEMPLATE_ID ->
                order(expired.wrap(buffer, body, blockLength, version).orderId(), commandSequence).expired = true;
            case OrderAmendedDecoder.TEMPLATE_ID ->
                order(amended.wrap(buffer, body, blockLength, version).orderId(), commandSequence).amendments++;
            default ->
            {
                // not about an order
            }
        }
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
