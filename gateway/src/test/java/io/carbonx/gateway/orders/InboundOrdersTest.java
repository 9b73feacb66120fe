package io.carbonx.gateway.orders;

import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.UserIds;
import io.carbonx.protocol.sbe.AmendOrderDecoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CancelOrderDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.NewOrderDecoder;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbound side of order entry, directly: FIX application messages in, engine commands (or a precise reject to the
 * session) out, and what the order log records before a command is published.
 */
class InboundOrdersTest
{
    private static final String LIMIT_BUY = "35=D|11=C-1|1=1001|55=CCER|54=1|40=2|44=80.50|38=100|59=1";

    @TempDir
    Path folder;
    private OrderEntryFixture fixture;

    @BeforeEach
    void open() throws Exception
    {
        fixture = new OrderEntryFixture(folder).open();
    }

    @AfterEach
    void close() throws Exception
    {
        fixture.close();
    }

    @Test
    void aNewOrderSingleBecomesANewOrderCommandLoggedFirst()
    {
        fixture.receive(LIMIT_BUY + "|18=6");

        assertEquals(List.of(), fixture.session.sent, "nothing is answered before the engine's event");
        final NewOrderDecoder order = newOrder(only(fixture.commands));
        final SessionOrders owner = fixture.sessions.byIndex(0);
        assertTrue(owner.allocated(order.orderId()), "the session's index is in the order id");
        assertEquals(0, owner.placed.get(order.orderId()).session, "the order records the session that placed it");
        assertEquals(order.orderId(), order.envelope().correlationId());
        assertEquals(SourceIds.FIX, order.envelope().sourceId());
        assertEquals(UserIds.fixSession(0), order.envelope().userId(), "the session is the acting user");
        assertEquals(1001, order.accountId());
        assertEquals(OrderEntryFixture.BROKER_ID, order.brokerId());
        assertEquals(OrderEntryFixture.CCER, order.instrumentId());
        assertEquals(Side.BUY, order.side());
        assertEquals(OrderType.LIMIT, order.orderType());
        assertEquals(TimeInForce.GTC, order.timeInForce());
        assertEquals(BooleanType.TRUE, order.postOnly(), "ExecInst 6: participate, don't initiate");
        assertEquals(80_50, order.price());
        assertEquals(100, order.quantity());
        assertEquals(0, order.expireTime());

        assertEquals(List.of(new OrderLog.Entry(OrderLog.NEW, order.orderId(), 1001, "CCER", '1', '2', 80_50, 100,
            "C-1")), reopenedLog(), "in the order log before it was published");
    }

    @Test
    void aFullCommandRingIsWaitedForWhileTheSessionsOutboundQueuesAreDrained()
    {
        fixture.fullTries = 3;
        fixture.receive(LIMIT_BUY);

        assertEquals(1, fixture.published, "published once, when the ring had room");
        assertEquals(0, fixture.fullTries);
        assertEquals(3, fixture.session.polls, "the outbound queues drained at each refused try");
        assertEquals(1001, newOrder(only(fixture.commands)).accountId());
    }

    @Test
    void anUnknownSymbolIsRejectedWithOrdRejReason1AndNoCommand()
    {
        fixture.receive("35=D|11=C-1|1=1001|55=NOPE|54=1|40=2|44=80.50|38=100");

        final Map<Integer, String> reject = fixture.session.only();
        assertEquals("8", reject.get(35));
        assertEquals("NONE", reject.get(37), "the exchange never took it");
        assertEquals("C-1", reject.get(11));
        assertEquals("8", reject.get(150));
        assertEquals("8", reject.get(39));
        assertEquals("1", reject.get(103));
        assertEquals("unknown symbol NOPE", reject.get(58));
        assertEquals(List.of(), fixture.commands);
        assertEquals(List.of(), reopenedLog());
    }

    @Test
    void anAccountTheSessionMayNotUseIsRejectedWithOrdRejReason15()
    {
        fixture.receive("35=D|11=C-1|1=2002|55=CCER|54=1|40=2|44=80.50|38=100");

        final Map<Integer, String> reject = fixture.session.only();
        assertEquals("15", reject.get(103));
        assertEquals("Account 2002 is not allowed for this session", reject.get(58));
        assertEquals(List.of(), fixture.commands);
    }

    @Test
    void aPriceWithThreeDecimalsIsRejectedAndEchoedAsSent()
    {
        fixture.receive("35=D|11=C-1|1=1001|55=CCER|54=1|40=2|44=80.505|38=100");

        final Map<Integer, String> reject = fixture.session.only();
        assertEquals("99", reject.get(103));
        assertEquals("80.505", reject.get(44));
        assertEquals("Price (44) must be a positive amount with at most 2 decimals", reject.get(58));
        assertEquals(List.of(), fixture.commands);
    }

    @Test
    void aGoodTillDateOrderWithoutExpireTimeIsRejected()
    {
        fixture.receive("35=D|11=C-1|1=1001|55=CCER|54=1|40=2|44=80.50|38=100|59=6");

        assertEquals("GTD orders need ExpireTime (126)", fixture.session.only().get(58));
        assertEquals(List.of(), fixture.commands);
    }

    @Test
    void aReusedClOrdIdIsRejectedAsADuplicateOrder()
    {
        fixture.receive(LIMIT_BUY);
        fixture.receive(LIMIT_BUY);

        final Map<Integer, String> reject = fixture.session.only();
        assertEquals("6", reject.get(103));
        assertEquals("duplicate ClOrdID C-1", reject.get(58));
        assertEquals(1, fixture.commands.size());
    }

    @Test
    void aCancelReplaceCarriesAFreshCorrelationIdAndTheOrdersIdentity()
    {
        fixture.receive(LIMIT_BUY);
        final long orderId = newOrder(fixture.commands.get(0)).orderId();

        fixture.receive("35=G|11=C-2|41=C-1|1=1001|55=CCER|54=1|40=2|44=81|38=90");

        final AmendOrderDecoder amend = new AmendOrderDecoder();
        final UnsafeBuffer command = fixture.commands.get(1);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(command, 0);
        assertEquals(AmendOrderDecoder.TEMPLATE_ID, header.templateId());
        amend.wrap(command, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(orderId, amend.orderId());
        assertNotEquals(orderId, amend.envelope().correlationId(), "the request's own correlation id");
        assertTrue(fixture.sessions.byIndex(0).allocated(amend.envelope().correlationId()));
        assertEquals(81_00, amend.price());
        assertEquals(90, amend.quantity());
        assertEquals(OrderEntryFixture.BROKER_ID, amend.brokerId());
        assertEquals(OrderLog.REPLACE, reopenedLog().get(1).kind());
        assertEquals("C-2", reopenedLog().get(1).clOrdId());
    }

    @Test
    void aCancelOfAnUnknownOrderGetsAnOrderCancelRejectWithReason1()
    {
        fixture.receive("35=F|11=C-9|41=NOT-MINE|55=CCER|54=1");

        final Map<Integer, String> reject = fixture.session.only();
        assertEquals("9", reject.get(35));
        assertEquals("NONE", reject.get(37));
        assertEquals("C-9", reject.get(11));
        assertEquals("NOT-MINE", reject.get(41));
        assertEquals("8", reject.get(39));
        assertEquals("1", reject.get(434));
        assertEquals("1", reject.get(102));
        assertEquals(List.of(), fixture.commands);
    }

    @Test
    void aStatusRequestRightAfterTheOrderTellsPendingNew()
    {
        fixture.receive(LIMIT_BUY);

        fixture.receive("35=H|11=C-1|55=CCER|54=1");

        final Map<Integer, String> status = fixture.session.only();
        assertEquals("I", status.get(150));
        assertEquals("A", status.get(39));
        assertEquals("0", status.get(17));
        assertEquals(Long.toString(newOrder(fixture.commands.get(0)).orderId()), status.get(37));
        assertEquals("100", status.get(151));
    }

    @Test
    void aMassCancelOfAllOrdersCancelsEachOpenOrderOfTheSession()
    {
        fixture.receive(LIMIT_BUY);
        fixture.receive("35=D|11=C-2|1=1001|55=CCER|54=2|40=2|44=90|38=10");

        fixture.receive("35=q|11=M-1|530=7");

        final Map<Integer, String> report = fixture.session.only();
        assertEquals("r", report.get(35));
        assertEquals("7", report.get(531));
        assertEquals("2", report.get(533));
        assertEquals(4, fixture.commands.size());
        final CancelOrderDecoder cancel = new CancelOrderDecoder();
        for (final UnsafeBuffer command : fixture.commands.subList(2, 4))
        {
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(command, 0);
            assertEquals(CancelOrderDecoder.TEMPLATE_ID, header.templateId());
            cancel.wrap(command, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            assertEquals(cancel.orderId(), cancel.envelope().correlationId(),
                "no request of its own: the order's ClOrdID");
        }
    }

    @Test
    void aMassCancelOfAnUnsupportedScopeIsRefused()
    {
        fixture.receive("35=q|11=M-1|530=6");

        final Map<Integer, String> report = fixture.session.only();
        assertEquals("0", report.get(531));
        assertEquals("0", report.get(532));
        assertEquals(List.of(), fixture.commands);
    }

    @Test
    void anUnavailableEngineIsABusinessRejectAndTheOrderStaysRejected()
    {
        fixture.engineUnavailable = true;
        fixture.receive(LIMIT_BUY);

        final Map<Integer, String> reject = fixture.session.only();
        assertEquals("j", reject.get(35));
        assertEquals("4", reject.get(380));
        assertTrue(reject.get(58).startsWith("exchange unavailable: "), reject.get(58));

        fixture.receive("35=H|11=C-1|55=CCER|54=1");
        assertEquals("8", fixture.session.only().get(39));
        final List<OrderLog.Entry> logged = reopenedLog();
        assertEquals(OrderLog.STATE, logged.get(1).kind(), "a restart must not answer it again");
        assertEquals('8', logged.get(1).status());
    }

    @Test
    void requestsBeforeTheRestoreIsDoneAreRefusedAsStarting() throws Exception
    {
        try (OrderEntryFixture starting = new OrderEntryFixture(folder.resolve("starting")))
        {
            starting.receive(LIMIT_BUY);

            final Map<Integer, String> reject = starting.session.only();
            assertEquals("j", reject.get(35));
            assertEquals("4", reject.get(380));
            assertEquals("exchange unavailable: starting", reject.get(58));
            assertEquals(List.of(), starting.commands);
        }
    }

    @Test
    void theOrdersOfAReadAreLoggedWithOneWriteAndPublishedInOrderAtItsEnd() throws Exception
    {
        fixture.deliver(LIMIT_BUY);
        fixture.deliver(LIMIT_BUY); // the same ClOrdID again, within the read
        fixture.deliver(LIMIT_BUY.replace("11=C-1", "11=C-2").replace("54=1", "54=2"));

        final Map<Integer, String> duplicate = fixture.session.only();
        assertEquals("8", duplicate.get(39), "a refusal is answered at once, before the read ends");
        assertEquals("6", duplicate.get(103), "duplicate order");
        assertEquals(List.of(), fixture.commands, "nothing is published before the read ends");
        final long logged = java.nio.file.Files.size(folder.resolve("orders.log"));

        fixture.batchEnd();

        assertEquals(2, fixture.commands.size());
        final NewOrderDecoder first = newOrder(fixture.commands.get(0));
        final long firstId = first.orderId();
        assertEquals(Side.BUY, first.side());
        final NewOrderDecoder second = newOrder(fixture.commands.get(1));
        assertEquals(Side.SELL, second.side(), "in the order the messages came");
        assertTrue(java.nio.file.Files.size(folder.resolve("orders.log")) > logged);
        assertEquals(List.of(
            new OrderLog.Entry(OrderLog.NEW, firstId, 1001, "CCER", '1', '2', 80_50, 100, "C-1"),
            new OrderLog.Entry(OrderLog.NEW, second.orderId(), 1001, "CCER", '2', '2', 80_50, 100, "C-2")),
            reopenedLog());
        assertEquals(List.of(), fixture.halts);
    }

    @Test
    void aCancelOfAnOrderOfTheSameReadIsPublishedAfterIt()
    {
        fixture.deliver(LIMIT_BUY);
        fixture.deliver("35=F|11=C-2|41=C-1|1=1001|55=CCER|54=1|38=100");
        fixture.batchEnd();

        assertEquals(2, fixture.commands.size());
        final long orderId = newOrder(fixture.commands.get(0)).orderId();
        assertEquals(CancelOrderDecoder.TEMPLATE_ID, fixture.templateIdOf(fixture.commands.get(1)));
        final CancelOrderDecoder cancel = new CancelOrderDecoder().wrapAndApplyHeader(fixture.commands.get(1), 0,
            new MessageHeaderDecoder());
        assertEquals(orderId, cancel.orderId());
    }

    @Test
    void aMassCancelComesAfterTheOrdersTakenEarlierInItsRead()
    {
        fixture.deliver(LIMIT_BUY);
        fixture.deliver("35=q|11=M-1|530=7");
        fixture.batchEnd();

        assertEquals(2, fixture.commands.size());
        assertEquals(NewOrderDecoder.TEMPLATE_ID, fixture.templateIdOf(fixture.commands.get(0)));
        assertEquals(CancelOrderDecoder.TEMPLATE_ID, fixture.templateIdOf(fixture.commands.get(1)));
        assertEquals("1", fixture.session.only().get(533), "the order of the same read was cancelled");
    }

    @Test
    void aReadEndedByTheConnectionIsPublishedAtLogout()
    {
        fixture.deliver(LIMIT_BUY);
        assertEquals(List.of(), fixture.commands);

        fixture.inbound.onLogout(fixture.session);

        newOrder(only(fixture.commands));
    }

    @Test
    void anOrderLogThatCannotBeWrittenRefusesEveryRequestOfTheRead() throws Exception
    {
        fixture.deliver(LIMIT_BUY);
        fixture.deliver(LIMIT_BUY.replace("11=C-1", "11=C-2"));
        fixture.log.close();

        fixture.batchEnd();

        assertEquals(List.of(), fixture.commands, "nothing unlogged reaches the engine");
        assertEquals(2, fixture.session.sent.size());
        for (int i = 0; i < 2; i++)
        {
            final Map<Integer, String> reject = OrderEntryFixture.fields(fixture.session.sent.get(i));
            assertEquals("C-" + (i + 1), reject.get(11), "answered in order");
            assertEquals("8", reject.get(39));
            assertEquals("exchange unavailable: cannot record the order", reject.get(58));
        }
        assertEquals(1, fixture.halts.size(), "the engine is halted: the log cannot be trusted");
        assertTrue(fixture.sessions.byIndex(0).placed.isEmpty(), "the refused orders are forgotten");
    }

    private static UnsafeBuffer only(final List<UnsafeBuffer> commands)
    {
        assertEquals(1, commands.size(), "commands published");
        return commands.get(0);
    }

    private static NewOrderDecoder newOrder(final UnsafeBuffer command)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(command, 0);
        assertEquals(NewOrderDecoder.TEMPLATE_ID, header.templateId());
        return new NewOrderDecoder().wrap(command, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version());
    }

    private List<OrderLog.Entry> reopenedLog()
    {
        try (OrderLog reopened = OrderLog.open(folder.resolve("orders.log"), false))
        {
            // the start compacted the (empty) log to its mark; what this run logged follows it
            final List<OrderLog.Entry> loaded = reopened.loaded();
            assertEquals(OrderLog.Entry.mark(-1), loaded.get(0));
            return loaded.subList(1, loaded.size());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
