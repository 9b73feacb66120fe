package io.carbonx.gateway.orders;

import io.carbonx.protocol.sbe.CancelOrderDecoder;
import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.NewOrderDecoder;
import io.carbonx.protocol.sbe.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Closed orders (filled, cancelled, rejected) leave the live maps of the reports and of their session, which keeps a
 * compact record of each: the day's duplicate-ClOrdID check, status requests, possible duplicates and cancels of a
 * closed order are answered as they were while the order was kept whole.
 */
class ClosedOrdersTest
{
    private static final String LIMIT_BUY = "35=D|11=C-1|1=1001|55=CCER|54=1|40=2|44=80.50|38=100|59=1";

    @TempDir
    Path folder;
    private OrderEntryFixture fixture;
    private SessionOrders owner;
    private long sequence = 10;

    @BeforeEach
    void open() throws Exception
    {
        fixture = new OrderEntryFixture(folder).open();
        owner = fixture.sessions.byIndex(0);
    }

    @AfterEach
    void close() throws Exception
    {
        fixture.close();
    }

    @Test
    void manyClosedOrdersLeaveTheLiveMaps()
    {
        fixture.session.keep = false;
        final int orders = 5_000;
        for (int i = 0; i < orders; i++)
        {
            final long orderId = place("C-" + i);
            fixture.accepted(sequence++, orderId);
            fixture.trade(sequence++, sequence, orderId, 12345, 80_50, 100, 0, 12);
        }
        fixture.batchEnd();

        assertEquals(0, fixture.reports.orderCount(), "the reports follow no closed order");
        assertEquals(0, owner.placed.size(), "the session's live index holds no closed order");
        assertEquals(orders, owner.closedOrders.size(), "a compact record each");
        assertEquals(List.of(), fixture.halts);
    }

    @Test
    void theClOrdIdOfAClosedOrderIsStillADuplicate()
    {
        fill(place("C-1"));

        fixture.receive(LIMIT_BUY);

        final Map<Integer, String> reject = fixture.session.only();
        assertEquals("8", reject.get(39));
        assertEquals("6", reject.get(103));
        assertEquals("duplicate ClOrdID C-1", reject.get(58));
        assertEquals(List.of(), fixture.commands);
    }

    @Test
    void theStatusOfAFilledOrderIsAnsweredFromItsRecord()
    {
        final long orderId = place("C-1");
        fixture.accepted(sequence++, orderId);
        fixture.trade(sequence++, 900, orderId, 12345, 80_50, 40, 60, 12);
        fixture.trade(sequence++, 901, orderId, 12346, 80_00, 60, 0, 18);
        fixture.session.sent.clear();
        fixture.batchEnd();
        assertFalse(owner.placed.containsKey(orderId), "closed: out of the live index");

        fixture.receive("35=H|11=C-1|55=CCER|54=1");
        final Map<Integer, String> byClOrdId = fixture.session.only();
        fixture.receive("35=H|37=" + orderId + "|11=OTHER|55=CCER|54=1");
        final Map<Integer, String> byOrderId = fixture.session.only();

        for (final Map<Integer, String> status : List.of(byClOrdId, byOrderId))
        {
            assertEquals("8", status.get(35));
            assertEquals(Long.toString(orderId), status.get(37));
            assertEquals("C-1", status.get(11));
            assertEquals("0", status.get(17));
            assertEquals("I", status.get(150));
            assertEquals("2", status.get(39));
            assertEquals("1001", status.get(1));
            assertEquals("CCER", status.get(55));
            assertEquals("1", status.get(54));
            assertEquals("100", status.get(38));
            assertEquals("80.50", status.get(44));
            assertEquals("0", status.get(151));
            assertEquals("100", status.get(14));
            assertEquals("80.20", status.get(6), "(40 x 80.50 + 60 x 80.00) / 100");
        }
    }

    @Test
    void aPossibleDuplicateOfAClosedOrderIsAnsweredWithItsStatus()
    {
        fill(place("C-1"));

        fixture.receive(LIMIT_BUY + "|43=Y");

        final Map<Integer, String> status = fixture.session.only();
        assertEquals("I", status.get(150));
        assertEquals("2", status.get(39));
        assertEquals("possible duplicate of an order already received", status.get(58));
        assertEquals(List.of(), fixture.commands);
    }

    @Test
    void aCancelOfAFilledOrderIsRefusedAtOnceAsTooLate()
    {
        final long orderId = place("C-1");
        fill(orderId);

        fixture.receive("35=F|11=C-2|41=C-1|1=1001|55=CCER|54=1|38=100");

        final Map<Integer, String> reject = fixture.session.only();
        assertEquals("9", reject.get(35));
        assertEquals(Long.toString(orderId), reject.get(37));
        assertEquals("C-2", reject.get(11));
        assertEquals("C-1", reject.get(41));
        assertEquals("2", reject.get(39));
        assertEquals("0", reject.get(102), "too late to cancel");
        assertEquals("1", reject.get(434));
        assertEquals("ORDER_ALREADY_FILLED", reject.get(58));
        assertEquals(List.of(), fixture.commands, "nothing for the engine");

        fixture.receive(LIMIT_BUY.replace("11=C-1", "11=C-2"));
        assertEquals("6", fixture.session.only().get(103), "the cancel's ClOrdID is taken");
    }

    @Test
    void aReplaceOfACancelledOrderIsRefusedAtOnceAsClosed()
    {
        final long orderId = place("C-1");
        fixture.accepted(sequence++, orderId);
        fixture.cancelled(sequence++, orderId, orderId, CancelReason.REQUESTED);
        fixture.session.sent.clear();

        fixture.receive("35=G|11=C-2|41=C-1|1=1001|55=CCER|54=1|40=2|44=81|38=90");

        final Map<Integer, String> reject = fixture.session.only();
        assertEquals("4", reject.get(39));
        assertEquals("0", reject.get(102));
        assertEquals("2", reject.get(434), "in answer to a cancel/replace");
        assertEquals("ORDER_ALREADY_CLOSED", reject.get(58));
        assertEquals(List.of(), fixture.commands);
    }

    @Test
    void aCancelThatCrossedTheFillIsStillRefusedByTheReports()
    {
        final long orderId = place("C-1");
        fixture.accepted(sequence++, orderId);
        fixture.receive("35=F|11=C-2|41=C-1|1=1001|55=CCER|54=1|38=100");
        final UnsafeBuffer command = fixture.commands.remove(0);
        final CancelOrderDecoder cancel =
            new CancelOrderDecoder().wrapAndApplyHeader(command, 0, new MessageHeaderDecoder());
        fixture.trade(sequence++, 900, orderId, 12345, 80_50, 100, 0, 12);
        fixture.session.sent.clear();

        fixture.rejected(sequence++, cancel.envelope().correlationId(), CommandKind.CANCEL_ORDER, orderId,
            RejectReason.ORDER_ALREADY_FILLED);

        final Map<Integer, String> reject = fixture.session.only();
        assertEquals("9", reject.get(35));
        assertEquals("C-2", reject.get(11));
        assertEquals("2", reject.get(39));
        assertEquals("0", reject.get(102));
    }

    private long place(final String clOrdId)
    {
        fixture.receive(LIMIT_BUY.replace("11=C-1", "11=" + clOrdId));
        final UnsafeBuffer command = fixture.commands.remove(fixture.commands.size() - 1);
        return new NewOrderDecoder().wrapAndApplyHeader(command, 0, new MessageHeaderDecoder()).orderId();
    }

    private void fill(final long orderId)
    {
        fixture.accepted(sequence++, orderId);
        fixture.trade(sequence++, 900, orderId, 12345, 80_50, 100, 0, 12);
        fixture.session.sent.clear();
        fixture.batchEnd();
        assertEquals(0, owner.placed.size());
    }
}
