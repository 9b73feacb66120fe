package io.carbonx.gateway.orders;

import io.carbonx.protocol.sbe.NewOrderDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Copies of the reports to the drop copies, directly: the copy is the member's report plus CopyMsgIndicator and the
 * owner as a party; only a covering drop copy gets it; a full or dead drop copy never holds up or costs the member its
 * report; a copy in flight holds the checkpoint; copies of the reports recovered at start are sent unless the drop
 * copy's store holds them; what a drop copy sends is refused.
 */
class DropCopyDeliveryTest
{
    private static final String LIMIT_BUY = "35=D|11=C-1|1=1001|55=CCER|54=1|40=2|44=80.50|38=100|59=1";

    @TempDir
    Path folder;
    private OrderEntryFixture fixture;

    @AfterEach
    void close() throws Exception
    {
        if (fixture != null)
        {
            fixture.close();
        }
    }

    private long placeOrder(final DropCopy dropCopy) throws IOException
    {
        fixture = new OrderEntryFixture(folder, -1, replay ->
        {
        }, List.of(dropCopy)).open();
        fixture.receive(LIMIT_BUY);
        return decode(fixture.commands.get(0)).orderId();
    }

    @Test
    void aCoveringDropCopyGetsTheMembersReportMarkedAsACopy() throws Exception
    {
        final long orderId = placeOrder(DropCopy.ofAllAccounts(OrderEntryFixture.DROP_COPY));

        fixture.accepted(5, orderId);

        final Map<Integer, String> report = fixture.session.only();
        final Map<Integer, String> copy = fixture.dropCopy.only();
        for (final Map.Entry<Integer, String> field : report.entrySet())
        {
            assertEquals(field.getValue(), copy.get(field.getKey()), "tag " + field.getKey());
        }
        assertEquals("Y", copy.get(797));
        assertEquals("1", copy.get(453));
        assertEquals("FOREST", copy.get(448), "the member's CompID");
        assertEquals("D", copy.get(447));
        assertEquals("7", copy.get(452), "entering firm");
        assertFalse(report.containsKey(797));
        assertEquals(report.size() + 5, copy.size(), "nothing else added");
    }

    @Test
    void aDropCopyOfOtherAccountsGetsNothing() throws Exception
    {
        final long orderId = placeOrder(DropCopy.ofAccounts(OrderEntryFixture.DROP_COPY, List.of(1002L, 3001L)));

        fixture.accepted(5, orderId);
        fixture.receive("35=D|11=C-2|1=2001|55=CCER|54=1|40=2|44=80.50|38=100|59=1"); // refused: not its account

        assertEquals(2, fixture.session.sent.size());
        assertEquals(List.of(), fixture.dropCopy.sent);
    }

    @Test
    void anOrderRefusedAtOnceIsCopiedToo() throws Exception
    {
        placeOrder(DropCopy.ofAccounts(OrderEntryFixture.DROP_COPY, List.of(1001L)));

        fixture.receive("35=D|11=C-2|1=1001|55=CCER|54=1|40=2|44=80.505|38=100|59=1");

        final Map<Integer, String> refusal = fixture.session.only();
        assertEquals("8", refusal.get(150));
        final Map<Integer, String> copy = fixture.dropCopy.only();
        assertEquals(refusal.get(17), copy.get(17));
        assertEquals("8", copy.get(150));
        assertEquals("Y", copy.get(797));
    }

    @Test
    void aFullDropCopyNeitherHoldsUpNorCostsTheMemberItsReport() throws Exception
    {
        final long orderId = placeOrder(DropCopy.ofAllAccounts(OrderEntryFixture.DROP_COPY));
        fixture.dropCopy.refuseOffers = Integer.MAX_VALUE; // its queue never drains: a dead event loop
        fixture.dropCopy.holdDeliveries = true;
        fixture.reports.delivery().maxOverflowCopies(1);

        fixture.accepted(5, orderId);
        fixture.amended(6, 0, orderId, 80_60, 100);
        fixture.endOfBatch();

        assertEquals(2, fixture.session.sent.size(), "the member has both reports, offered once each");
        assertEquals(1, fixture.dropCopy.sent.size(), "the first copy went by the unbounded path");
        assertEquals("5-1", OrderEntryFixture.fields(fixture.dropCopy.sent.get(0)).get(17));
        assertEquals(1, fixture.reports.delivery().copiesOverflowed(OrderEntryFixture.DROP_COPY));
        assertEquals(1, fixture.reports.delivery().copiesDropped(OrderEntryFixture.DROP_COPY),
            "the second found one already waiting: dropped and counted");
        assertTrue(fixture.checkpoint.sequence() < 5, "the copy of 5 is in flight");
        assertEquals(List.of(), fixture.halts);

        fixture.dropCopy.held.remove(0).stored();
        fixture.reports.delivery().advanceCheckpoint();
        assertEquals(5, fixture.checkpoint.sequence(), "the dropped copy does not hold the checkpoint");
    }

    @Test
    void aCopyNotYetStoredHoldsTheCheckpointAndAFailedOneDoesNotStopTheExchange() throws Exception
    {
        final long orderId = placeOrder(DropCopy.ofAllAccounts(OrderEntryFixture.DROP_COPY));
        fixture.dropCopy.unconfirmed = new long[4];

        fixture.accepted(5, orderId);
        fixture.amended(6, 0, orderId, 80_60, 100);
        fixture.endOfBatch();
        assertTrue(fixture.checkpoint.sequence() < 5, "the member stored 5, its copy is not yet");

        assertEquals(2, fixture.dropCopy.confirmStored());
        assertEquals(5, fixture.checkpoint.sequence());

        fixture.amended(7, 0, orderId, 80_70, 100);
        fixture.dropCopy.unconfirmedCount = 0; // the store refuses the copy of 7 instead
        fixture.dropCopy.application.onOutboundFailed(fixture.dropCopy, 7, new IllegalStateException("disk full"));
        fixture.dropCopy.unconfirmed = null;
        fixture.amended(8, 0, orderId, 80_80, 100);
        fixture.endOfBatch();
        assertEquals(List.of(), fixture.halts, "a copy's store failure does not halt the engine");
        assertEquals(7, fixture.checkpoint.sequence(), "nor hold the checkpoint");
        assertEquals(4, fixture.session.sent.size(), "the member has every report");
    }

    @Test
    void theCopyOfAReportRecoveredAtStartIsSentUnlessTheDropCopysStoreHoldsIt() throws Exception
    {
        final Path lacking = folder.resolve("lacking");
        final long orderId = crashWithAReportNotStored(lacking);
        try (OrderEntryFixture restarted = new OrderEntryFixture(lacking, 5, replay -> replay.accepted(5, orderId),
            List.of(DropCopy.ofAllAccounts(OrderEntryFixture.DROP_COPY))))
        {
            restarted.open(Set.of("5-1"), Set.of(), 5);
            assertEquals(List.of(), restarted.session.sent, "the member's store held it");
            final Map<Integer, String> copy = restarted.dropCopy.only();
            assertEquals("5-1", copy.get(17));
            assertEquals("0", copy.get(150));
            assertEquals("Y", copy.get(797));
            assertEquals("FOREST", copy.get(448));
        }

        final Path holding = folder.resolve("holding");
        final long again = crashWithAReportNotStored(holding);
        try (OrderEntryFixture restarted = new OrderEntryFixture(holding, 5, replay -> replay.accepted(5, again),
            List.of(DropCopy.ofAllAccounts(OrderEntryFixture.DROP_COPY))))
        {
            restarted.open(Set.of(), Set.of("5-1"), 5);
            assertEquals("5-1", restarted.session.only().get(17), "the member's store did not hold it");
            assertEquals(List.of(), restarted.dropCopy.sent, "the drop copy's did");
        }
    }

    /**
     * An order accepted as command 5 whose report its member's store never confirmed: the server stopped at once.
     */
    private static long crashWithAReportNotStored(final Path folder) throws IOException
    {
        java.nio.file.Files.createDirectories(folder);
        try (OrderEntryFixture crashed = new OrderEntryFixture(folder, -1, replay ->
        {
        }, List.of(DropCopy.ofAllAccounts(OrderEntryFixture.DROP_COPY))).open())
        {
            crashed.session.unconfirmed = new long[4];
            crashed.receive(LIMIT_BUY);
            final long orderId = decode(crashed.commands.get(0)).orderId();
            crashed.accepted(5, orderId);
            crashed.endOfBatch();
            assertTrue(crashed.checkpoint.sequence() < 5);
            return orderId;
        }
    }

    @Test
    void whatADropCopySendsIsRefusedAndGoesNowhere() throws Exception
    {
        placeOrder(DropCopy.ofAllAccounts(OrderEntryFixture.DROP_COPY));
        final int published = fixture.commands.size();
        final byte[] frame = fixture.frame(LIMIT_BUY.replace("C-1", "DC-1"));
        final io.carbonx.fix.codec.FixMessage message = new io.carbonx.fix.codec.FixMessage();
        assertTrue(message.wrap(frame, 0, frame.length, tag -> false));

        fixture.dropCopy.application.onMessage(fixture.dropCopy, message);

        final Map<Integer, String> refusal = fixture.dropCopy.only();
        assertEquals("j", refusal.get(35));
        assertEquals("D", refusal.get(372));
        assertEquals("6", refusal.get(380));
        assertEquals("drop-copy session is read-only: MsgType D refused", refusal.get(58));
        assertEquals(published, fixture.commands.size(), "nothing published");
        assertTrue(fixture.session.sent.isEmpty());
    }

    private static NewOrderDecoder decode(final UnsafeBuffer command)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(command, 0);
        return new NewOrderDecoder().wrap(command, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version());
    }
}
