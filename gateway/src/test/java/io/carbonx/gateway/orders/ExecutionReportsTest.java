package io.carbonx.gateway.orders;

import io.carbonx.protocol.sbe.AmendOrderDecoder;
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
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The outbound side of order entry, directly: engine events in (as the listener thread gets them), ExecutionReports
 * and OrderCancelRejects out to the session that owns the order, with ExecIDs made of the command sequence and the
 * event's ordinal, and the report checkpoint moved once they are stored.
 */
class ExecutionReportsTest
{
    @TempDir
    Path folder;
    private OrderEntryFixture fixture;
    private long orderId;

    @BeforeEach
    void placeAnOrder() throws Exception
    {
        fixture = new OrderEntryFixture(folder).open();
        fixture.receive("35=D|11=C-1|1=1001|55=CCER|54=1|40=2|44=80.50|38=100|59=1");
        orderId = decode(fixture.commands.get(0), new NewOrderDecoder()).orderId();
    }

    @AfterEach
    void close() throws Exception
    {
        fixture.close();
    }

    @Test
    void anAcceptedOrderIsReportedNewWithItsFields()
    {
        fixture.accepted(5, orderId);

        final Map<Integer, String> report = fixture.session.only();
        assertEquals("8", report.get(35));
        assertEquals(Long.toString(orderId), report.get(37));
        assertEquals("C-1", report.get(11));
        assertEquals("5-1", report.get(17), "command sequence and the event's ordinal");
        assertEquals("1001", report.get(1));
        assertEquals("CCER", report.get(55));
        assertEquals("1", report.get(54));
        assertEquals("100", report.get(38));
        assertEquals("2", report.get(40));
        assertEquals("80.50", report.get(44));
        assertEquals("100", report.get(151));
        assertEquals("0", report.get(14));
        assertEquals("0", report.get(150));
        assertEquals("0", report.get(39));
    }

    @Test
    void aReportGoesToTheSessionTheOrderRecordsNotToTheOneItsIdDecodesTo()
    {
        // an id laid out as session 1 would allocate it; the fixture configures session 0 only
        final long foreignId = OrderIds.id(1, 42);
        assertFalse(fixture.sessions.byIndex(0).allocated(foreignId));
        fixture.reports.handOff().placed(new PlacedOrder(0, foreignId, 1001, "CCER", '1', '2', "C-9", 80_50, 100)
            .initialState());

        fixture.accepted(5, foreignId);

        final Map<Integer, String> report = fixture.session.last();
        assertEquals(Long.toString(foreignId), report.get(37), "reported to session 0, which placed the order");
        assertEquals("C-9", report.get(11));
        assertEquals("0", report.get(39));
        assertEquals(List.of(), fixture.halts);
    }

    @Test
    void aCrossIsReportedToTheSessionItsRecordNamesNotToTheOneItsIdDecodesTo()
    {
        final long foreignId = OrderIds.id(1, 43);
        fixture.reports.handOff().crossPlaced(new CrossRecord(0, foreignId, "BLK-1", "CCER", 80_50, 100,
            new CrossRecord.CrossSide('1', "B-1", 1001), new CrossRecord.CrossSide('2', "S-1", 1002)));

        fixture.rejected(5, foreignId, CommandKind.BLOCK_TRADE, foreignId, RejectReason.UNKNOWN_ACCOUNT);

        assertEquals(2, fixture.session.sent.size(), "both sides reported to session 0, which entered the cross");
        final Map<Integer, String> buy = OrderEntryFixture.fields(fixture.session.sent.get(0));
        assertEquals("B-1", buy.get(11));
        assertEquals("BLK-1", buy.get(548));
        assertEquals("8", buy.get(39));
        assertEquals("S-1", fixture.session.last().get(11));
        assertEquals(List.of(), fixture.halts);
    }

    @Test
    void aReportTheSessionCannotTakeYetIsOfferedAgainAndTheHandOffsAreTakenMeanwhile()
    {
        final long waitingId = OrderIds.id(0, 77);
        final OrderState waiting = new PlacedOrder(0, waitingId, 1001, "CCER", '1', '2', "C-77", 80_50, 100)
            .initialState();
        fixture.session.refuseOffers = 3;
        // the session's event loop places an order while the listener waits for room in its queue
        fixture.session.whileFull = () ->
        {
            if (fixture.session.refuseOffers == 2)
            {
                fixture.reports.handOff().placed(waiting);
            }
        };

        fixture.accepted(5, orderId);

        assertEquals("5-1", fixture.session.only().get(17), "offered until taken, once, never dropped");
        assertSame(waiting, fixture.reports.cache().get(waitingId), "taken while waiting: no session waits on it");
        assertEquals(List.of(), fixture.halts);
    }

    @Test
    void fillsAccumulateAndCarryTheTakersFeeAndTradeId()
    {
        fixture.accepted(5, orderId);
        fixture.trade(6, 900, orderId, 12345, 80_50, 40, 60, 12);
        fixture.trade(7, 901, orderId, 12346, 80_00, 60, 0, 18);

        assertEquals(3, fixture.session.sent.size());
        final Map<Integer, String> partial = OrderEntryFixture.fields(fixture.session.sent.get(1));
        assertEquals("6-1T", partial.get(17), "the taker's side of the trade");
        assertEquals("F", partial.get(150));
        assertEquals("1", partial.get(39));
        assertEquals("80.50", partial.get(31));
        assertEquals("40", partial.get(32));
        assertEquals("60", partial.get(151));
        assertEquals("40", partial.get(14));
        assertEquals("80.50", partial.get(6));
        assertEquals("0.12", partial.get(12));
        assertEquals("3", partial.get(13));
        assertEquals("900", partial.get(527));
        final Map<Integer, String> filled = fixture.session.last();
        assertEquals("7-1T", filled.get(17));
        assertEquals("2", filled.get(39));
        assertEquals("0", filled.get(151));
        assertEquals("100", filled.get(14));
        assertEquals("80.20", filled.get(6), "(40 x 80.50 + 60 x 80.00) / 100");
        assertEquals("0.18", filled.get(12));
    }

    @Test
    void aReplaceIsReportedUnderTheClOrdIdItsCorrelationIdCarried()
    {
        fixture.accepted(5, orderId);
        fixture.receive("35=G|11=C-2|41=C-1|1=1001|55=CCER|54=1|40=2|44=81|38=90");
        final long correlationId = decode(fixture.commands.get(1), new AmendOrderDecoder()).envelope().correlationId();

        fixture.amended(6, correlationId, orderId, 81_00, 90);

        final Map<Integer, String> report = fixture.session.last();
        assertEquals("5", report.get(150));
        assertEquals("0", report.get(39));
        assertEquals("C-2", report.get(11));
        assertEquals("C-1", report.get(41));
        assertEquals("81.00", report.get(44));
        assertEquals("90", report.get(38));
        assertEquals("6-1", report.get(17));

        fixture.receive("35=H|11=C-2|55=CCER|54=1");
        assertEquals("C-2", fixture.session.last().get(11), "the status request sees the ClOrdID in force");
    }

    @Test
    void aCancelRequestIsReportedWithItsClOrdIdAndTheOriginalOne()
    {
        fixture.accepted(5, orderId);
        fixture.receive("35=F|11=C-3|41=C-1|55=CCER|54=1");
        final long correlationId = decode(fixture.commands.get(1), new CancelOrderDecoder()).envelope().correlationId();

        fixture.cancelled(6, correlationId, orderId, CancelReason.REQUESTED);

        final Map<Integer, String> report = fixture.session.last();
        assertEquals("4", report.get(150));
        assertEquals("4", report.get(39));
        assertEquals("C-3", report.get(11));
        assertEquals("C-1", report.get(41));
        assertEquals("0", report.get(151));
        assertEquals("REQUESTED", report.get(58));
    }

    @Test
    void aCancelOfAnotherCommandNamesOnlyTheOrdersClOrdId()
    {
        fixture.accepted(5, orderId);
        fixture.receive("35=F|11=C-3|41=C-1|55=CCER|54=1");
        final long correlationId = decode(fixture.commands.get(1), new CancelOrderDecoder()).envelope().correlationId();

        // cancel-on-disconnect, a mass cancel or a self-trade prevention: not the request's command
        fixture.cancelled(6, orderId, orderId, CancelReason.SELF_TRADE_PREVENTED);
        final Map<Integer, String> cancelled = fixture.session.last();
        assertEquals("C-1", cancelled.get(11));
        assertFalse(cancelled.containsKey(41));

        fixture.rejected(7, correlationId, CommandKind.CANCEL_ORDER, orderId, RejectReason.ORDER_ALREADY_CLOSED);
        final Map<Integer, String> reject = fixture.session.last();
        assertEquals("9", reject.get(35), "the request itself is answered with its own ClOrdID");
        assertEquals("C-3", reject.get(11));
        assertEquals("C-1", reject.get(41));
        assertEquals("4", reject.get(39));
        assertEquals("1", reject.get(434));
        assertEquals("0", reject.get(102), "too late to cancel");
    }

    @Test
    void aReplaceTheEngineRefusesGetsAnOrderCancelReject()
    {
        fixture.accepted(5, orderId);
        fixture.receive("35=G|11=C-2|41=C-1|1=1001|55=CCER|54=1|40=2|44=81|38=90");
        final long correlationId = decode(fixture.commands.get(1), new AmendOrderDecoder()).envelope().correlationId();

        fixture.rejected(6, correlationId, CommandKind.AMEND_ORDER, orderId, RejectReason.INSUFFICIENT_CASH);

        final Map<Integer, String> reject = fixture.session.last();
        assertEquals("9", reject.get(35));
        assertEquals("C-2", reject.get(11));
        assertEquals("C-1", reject.get(41));
        assertEquals("0", reject.get(39));
        assertEquals("2", reject.get(434));
        assertEquals("99", reject.get(102));
        assertEquals("INSUFFICIENT_CASH", reject.get(58));
    }

    @Test
    void anOrderTheEngineRefusesIsRejectedWithTheMappedReason()
    {
        fixture.rejected(5, orderId, CommandKind.NEW_ORDER, orderId, RejectReason.INSUFFICIENT_UNITS);

        final Map<Integer, String> report = fixture.session.only();
        assertEquals("8", report.get(150));
        assertEquals("8", report.get(39));
        assertEquals("3", report.get(103));
        assertEquals("INSUFFICIENT_UNITS", report.get(58));
        assertEquals("0", report.get(151));
        assertEquals("5-1", report.get(17));
    }

    @Test
    void eventsOfOrdersNotPlacedOverFixAreNotReported()
    {
        fixture.accepted(5, 77);
        fixture.trade(6, 900, 78, 79, 80_50, 10, 0, 0);

        assertEquals(List.of(), fixture.session.sent);
    }

    @Test
    void theCheckpointMovesToTheLastCommandWhoseReportsAreAllStored()
    {
        fixture.accepted(5, orderId);
        fixture.trade(6, 900, orderId, 12345, 80_50, 40, 60, 12);
        fixture.endOfBatch();

        // command 6 may have more events in the next batch: only 5 is known complete
        assertEquals(5, fixture.checkpoint.sequence());
        assertEquals(List.of(), fixture.halts);
    }

    private static <T> T decode(final UnsafeBuffer command, final T decoder)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(command, 0);
        final int offset = MessageHeaderDecoder.ENCODED_LENGTH;
        if (decoder instanceof NewOrderDecoder newOrder)
        {
            newOrder.wrap(command, offset, header.blockLength(), header.version());
        }
        else if (decoder instanceof AmendOrderDecoder amend)
        {
            amend.wrap(command, offset, header.blockLength(), header.version());
        }
        else if (decoder instanceof CancelOrderDecoder cancel)
        {
            cancel.wrap(command, offset, header.blockLength(), header.version());
        }
        return decoder;
    }
}
