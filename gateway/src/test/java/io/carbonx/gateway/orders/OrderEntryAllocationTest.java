package io.carbonx.gateway.orders;

import io.carbonx.fix.codec.FixMessage;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.NewOrderDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedEncoder;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradeEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Order entry in steady state allocates (almost) nothing per message on the calling thread, measured with
 * {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes}: after a warm-up, ExecutionReports made from engine
 * events and offered to a session that takes them.
 */
class OrderEntryAllocationTest
{
    private static final int WARM_UP_PAIRS = 20_000;
    private static final int MEASURED_PAIRS = 20_000;
    private static final int REPORTS_PER_PAIR = 4;
    /** Bytes per report allowed: what the measurement itself costs spread over the reports, with room to spare. */
    private static final long MAX_BYTES_PER_REPORT = 64;
    /**
     * Bytes per NewOrderSingle allowed: the state an open order keeps (its OrderState, about 100 bytes, its ClOrdID,
     * about 50) and the growth of the two indexes (about 80 with their copies as they double); nothing per message
     * beyond that. Measured: about 244.
     */
    private static final long MAX_BYTES_PER_NEW_ORDER = 288;
    /**
     * Bytes allowed per closed order for the store confirmations of its reports, which move it to its session's compact
     * record: about 100 bytes kept per order (a record, its ClOrdID, the index entry) and the index's growth.
     */
    private static final long MAX_BYTES_PER_CLOSED_ORDER = 192;

    @TempDir
    Path folder;
    private OrderEntryFixture fixture;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OrderAcceptedEncoder accepted = new OrderAcceptedEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private long sequence = 1;
    private long confirmed;
    private long confirmationBytes;

    @BeforeEach
    void open() throws Exception
    {
        fixture = new OrderEntryFixture(folder).open();
        fixture.session.keep = false;
        fixture.session.unconfirmed = new long[MEASURED_PAIRS * REPORTS_PER_PAIR];
    }

    @AfterEach
    void close() throws Exception
    {
        fixture.close();
    }

    /**
     * The listener thread's part: reports made and offered. The store confirmations, which the session's event loop
     * gets, are measured apart: they also move each closed order to the session's compact records, which is memory the
     * session keeps (a record per closed order, in arrays that double), not garbage.
     */
    @Test
    void reportsAllocateNothingPerMessage()
    {
        measureReports();
    }

    /**
     * The same with a drop copy of every account: each report is also copied (the drop-copy fields appended to the
     * same body) and offered to the drop copy, still without allocating.
     */
    @Test
    void reportsCopiedToADropCopyAllocateNothingPerMessage() throws Exception
    {
        fixture.close();
        fixture = new OrderEntryFixture(folder, -1, replay ->
        {
        }, List.of(DropCopy.ofAllAccounts(OrderEntryFixture.DROP_COPY))).open();
        fixture.session.keep = false;
        fixture.session.unconfirmed = new long[MEASURED_PAIRS * REPORTS_PER_PAIR];
        fixture.dropCopy.keep = false;
        fixture.dropCopy.unconfirmed = new long[MEASURED_PAIRS * REPORTS_PER_PAIR];
        final long copiesBefore = fixture.dropCopy.offered;

        measureReports();

        assertEquals(fixture.session.offered, fixture.dropCopy.offered - copiesBefore, "every report copied");
    }

    private void measureReports()
    {
        // placed in two rounds, each taken by the reports before the next: the hand-off queue holds 64K
        replay(events(WARM_UP_PAIRS), WARM_UP_PAIRS);
        final UnsafeBuffer measured = events(MEASURED_PAIRS);
        final long offeredBefore = fixture.session.offered;
        confirmed = 0;
        confirmationBytes = 0;
        final long before = allocatedBytes();
        replay(measured, MEASURED_PAIRS);
        final long allocated = allocatedBytes() - before - confirmationBytes;
        final long reports = fixture.session.offered - offeredBefore;

        assertEquals((long)MEASURED_PAIRS * REPORTS_PER_PAIR, reports);
        assertEquals(reports, confirmed);
        assertEquals(List.of(), fixture.halts);
        final long closedOrders = 2L * MEASURED_PAIRS;
        System.out.printf("reports: %d bytes allocated for %d reports (%.2f B/report); their store confirmations, " +
            "which keep the %d closed orders' compact records: %.2f B/closed order%n", allocated, reports,
            (double)allocated / reports, closedOrders, (double)confirmationBytes / closedOrders);
        assertTrue(allocated < reports * MAX_BYTES_PER_REPORT,
            allocated + " bytes allocated for " + reports + " reports");
        assertTrue(confirmationBytes < closedOrders * MAX_BYTES_PER_CLOSED_ORDER,
            confirmationBytes + " bytes allocated for the store confirmations of " + closedOrders + " closed orders");
        assertEquals(0, fixture.reports.orderCount(), "every order closed: none left in the reports' live orders");
        assertEquals(0, fixture.sessions.byIndex(0).placed.size(), "nor in the session's");
    }

    /**
     * The session's event loop's part for NewOrderSingles: decoded, checked, logged at the end of each read of 16 and
     * published. Each order taken keeps its state (the order, its ClOrdID, its hand-off to the reports) until it
     * closes: that is what the bound allows, nothing per message beyond it.
     */
    @Test
    void newOrdersAllocateOnlyTheOrdersTheyKeep()
    {
        fixture.keepCommands = false;
        final int warmUp = 20_000;
        final int measured = 20_000;
        final byte[][] frames = new byte[warmUp + measured][];
        for (int i = 0; i < frames.length; i++)
        {
            frames[i] = fixture.frame("35=D|11=N-" + i + "|1=1001|55=CCER|54=" + (1 + i % 2) +
                "|40=2|44=80.50|38=100|59=1");
        }
        final FixMessage message = new FixMessage();

        enter(frames, 0, warmUp, message);
        final long before = allocatedBytes();
        enter(frames, warmUp, measured, message);
        final long allocated = allocatedBytes() - before;

        assertEquals(warmUp + measured, fixture.published);
        assertEquals(List.of(), fixture.halts);
        System.out.printf("new orders: %d bytes allocated for %d NewOrderSingles (%.2f B/order)%n", allocated,
            measured, (double)allocated / measured);
        assertTrue(allocated < measured * MAX_BYTES_PER_NEW_ORDER,
            allocated + " bytes allocated for " + measured + " orders");
    }

    private void enter(final byte[][] frames, final int from, final int count, final FixMessage message)
    {
        for (int i = from; i < from + count; i++)
        {
            message.wrap(frames[i], 0, frames[i].length, tag -> false);
            fixture.inbound.onMessage(fixture.session, message);
            if (i % 16 == 15)
            {
                fixture.inbound.onBatchEnd(fixture.session);
            }
        }
        fixture.inbound.onBatchEnd(fixture.session);
    }

    /**
     * Place pairs of orders (outside any measurement) and encode, per pair, both acceptances and the trade that fills
     * both, each event a command of its own, as the listener thread would get them.
     *
     * @return the events back to back, each as {@code int length, long sequence, event}.
     */
    private UnsafeBuffer events(final int pairs)
    {
        final UnsafeBuffer events = new UnsafeBuffer(new byte[pairs * 3 * 160]);
        int offset = 0;
        for (int i = 0; i < pairs; i++)
        {
            final long taker = place("T" + sequence);
            final long maker = place("M" + sequence);
            offset = append(events, offset, acceptedEvent(events, offset + 12, taker));
            offset = append(events, offset, acceptedEvent(events, offset + 12, maker));
            offset = append(events, offset, tradeEvent(events, offset + 12, taker, maker));
        }
        events.putInt(offset, 0);
        return events;
    }

    private long place(final String clOrdId)
    {
        fixture.receive("35=D|11=" + clOrdId + "|1=1001|55=CCER|54=1|40=2|44=80.50|38=100|59=1");
        final UnsafeBuffer command = fixture.commands.remove(fixture.commands.size() - 1);
        return new NewOrderDecoder().wrapAndApplyHeader(command, 0, new io.carbonx.protocol.sbe.MessageHeaderDecoder())
            .orderId();
    }

    private int append(final UnsafeBuffer events, final int offset, final int length)
    {
        events.putInt(offset, length);
        events.putLong(offset + 4, sequence++);
        return offset + 12 + length;
    }

    private int acceptedEvent(final UnsafeBuffer buffer, final int offset, final long orderId)
    {
        accepted.wrapAndApplyHeader(buffer, offset, header);
        accepted.envelope().commandSequence(sequence).sourceId(SourceIds.FIX).correlationId(orderId);
        accepted.orderId(orderId).accountId(1001).instrumentId(OrderEntryFixture.CCER).side(Side.BUY).price(80_50)
            .quantity(100);
        return MessageHeaderEncoder.ENCODED_LENGTH + accepted.encodedLength();
    }

    private int tradeEvent(final UnsafeBuffer buffer, final int offset, final long taker, final long maker)
    {
        trade.wrapAndApplyHeader(buffer, offset, header);
        trade.envelope().commandSequence(sequence).sourceId(SourceIds.FIX).correlationId(0);
        trade.tradeId(sequence).instrumentId(OrderEntryFixture.CCER).price(80_50).quantity(100)
            .aggressorSide(Side.BUY).takerOrderId(taker).takerAccountId(1001).takerLeavesQuantity(0)
            .makerOrderId(maker).makerAccountId(1001).makerLeavesQuantity(0).buyerFee(12).sellerFee(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
    }

    private void replay(final UnsafeBuffer events, final int pairs)
    {
        int offset = 0;
        int count = 0;
        while (true)
        {
            final int length = events.getInt(offset);
            if (length == 0)
            {
                break;
            }
            fixture.reports.onEvent(events, offset + 12, length, events.getLong(offset + 4));
            offset += 12 + length;
            if (++count % 64 == 0)
            {
                fixture.reports.onEndOfBatch();
            }
            if (count % 1024 == 0)
            {
                confirmStored(); // not more often: reading the allocation counter costs about 300 bytes
            }
        }
        fixture.reports.onEndOfBatch();
        confirmStored();
        assertEquals(pairs * 3, count);
    }

    /**
     * The session's event loop confirms the reports stored, now and then as it would: measured apart.
     */
    private void confirmStored()
    {
        final long before = allocatedBytes();
        confirmed += fixture.session.confirmStored();
        if (fixture.dropCopy.unconfirmed != null)
        {
            fixture.dropCopy.confirmStored();
        }
        confirmationBytes += allocatedBytes() - before;
    }

    private static long allocatedBytes()
    {
        return ((com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean())
            .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
