package io.carbonx.server.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One order as the journal has it: what the engine's events said of it, in order. Written by the replaying thread
 * while a {@link JournalTruth} is built, read after.
 */
final class EngineOrder
{
    static final String NEW = "New";
    static final String CANCELED = "Canceled";
    static final String EXPIRED = "Expired";
    static final String REPLACED = "Replaced";
    static final String REJECTED = "Rejected";
    static final String CANCEL_REJECTED = "OrderCancelReject";

    /**
     * One side of a journaled trade.
     */
    record Fill(long tradeId, long quantity, long price, long commandSequence)
    {
    }

    final long orderId;
    long accountId;
    int instrumentId;
    char side;
    long price;
    long quantity;
    long firstSequence = -1;
    boolean accepted;
    String rejectReason;
    boolean cancelled;
    boolean expired;
    int amendments;
    int cancelRejects;
    final List<Fill> fills = new ArrayList<>();

    EngineOrder(final long orderId)
    {
        this.orderId = orderId;
    }

    static String fill(final long quantity, final long price)
    {
        return "Fill " + quantity + " t @ " + money(price);
    }

    static String money(final long cents)
    {
        return (cents < 0 ? "-" : "") + Math.abs(cents) / 100 + "." + String.format("%02d", Math.abs(cents) % 100);
    }

    long cumQty()
    {
        long cum = 0;
        for (final Fill fill : fills)
        {
            cum += fill.quantity();
        }
        return cum;
    }

    /**
     * @return the OrdStatus (39) the engine's state means: what an OrderStatusRequest should answer.
     */
    char ordStatus()
    {
        if (rejectReason != null)
        {
            return '8';
        }
        if (cumQty() == quantity)
        {
            return '2';
        }
        if (cancelled)
        {
            return '4';
        }
        if (expired)
        {
            return 'C';
        }
        return cumQty() > 0 ? '1' : '0';
    }

    boolean isWorking()
    {
        final char status = ordStatus();
        return status == '0' || status == '1';
    }

    /**
     * @return each report the member must have had for this order, with how many times: one per event of the engine
     *     about it (the order entry's mapping: OrderAccepted is New, each Trade side a Fill of its quantity and price,
     *     OrderCancelled Canceled, and so on).
     */
    Map<String, Integer> expectedReports()
    {
        final Map<String, Integer> expected = new TreeMap<>();
        if (accepted)
        {
            expected.merge(NEW, 1, Integer::sum);
        }
        if (rejectReason != null)
        {
            expected.merge(REJECTED, 1, Integer::sum);
        }
        for (final Fill fill : fills)
        {
            expected.merge(fill(fill.quantity(), fill.price()), 1, Integer::sum);
        }
        if (cancelled)
        {
            expected.merge(CANCELED, 1, Integer::sum);
        }
        if (expired)
        {
            expected.merge(EXPIRED, 1, Integer::sum);
        }
        if (amendments > 0)
        {
            expected.merge(REPLACED, amendments, Integer::sum);
        }
        if (cancelRejects > 0)
        {
            expected.merge(CANCEL_REJECTED, cancelRejects, Integer::sum);
        }
        return expected;
    }

    /**
     * @return where in the journal an expected report's events are, to name them in a failure.
     */
    String journalPlace(final String reportKey)
    {
        final List<String> places = new ArrayList<>();
        for (final Fill fill : fills)
        {
            if (fill(fill.quantity(), fill.price()).equals(reportKey))
            {
                places.add("trade " + fill.tradeId() + " in command " + fill.commandSequence());
            }
        }
        return places.isEmpty() ? "order placed in command " + firstSequence : String.join(", ", places);
    }

    String describe(final String symbol)
    {
        return (side == 'B' ? "buy " : "sell ") + (quantity == 0 ? "?" : Long.toString(quantity)) + " t " + symbol +
            " @ " +
            money(price) + " for account " + accountId;
    }
}
