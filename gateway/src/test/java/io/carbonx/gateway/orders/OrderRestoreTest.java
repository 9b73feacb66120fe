package io.carbonx.gateway.orders;

import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.NewOrderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Restarts of order entry without a server: the order log, checkpoint and the sessions' stored ExecIDs decide what is
 * reported again, so that every journaled event is reported exactly once and an order the journal never got is
 * rejected once.
 */
class OrderRestoreTest
{
    private static final String LIMIT_BUY = "35=D|11=C-1|1=1001|55=CCER|54=1|40=2|44=80.50|38=100|59=1";

    @TempDir
    Path folder;

    @Test
    void aJournaledEventWhoseReportWasNotStoredIsSentAfterTheRestartAndOnlyThen() throws Exception
    {
        final long orderId = placeAndCrash();

        try (OrderEntryFixture restarted = new OrderEntryFixture(folder, 5, replay -> replay.accepted(5, orderId)))
        {
            assertEquals(List.of(), restarted.session.sent, "nothing is sent while the journal is replayed");
            restarted.open(Set.of(), 5);

            assertEquals(1, restarted.recoveredSent);
            final Map<Integer, String> report = restarted.session.only();
            assertEquals("5-1", report.get(17), "the ExecID it would have had");
            assertEquals("0", report.get(150));
            assertEquals("C-1", report.get(11));
            assertEquals(5, restarted.checkpoint.sequence(), "stored: the next start need not replay it");
        }
        try (OrderEntryFixture again = new OrderEntryFixture(folder, 5, replay -> replay.accepted(5, orderId)))
        {
            again.open(Set.of("5-1"), 5);

            assertEquals(0, again.recoveredSent);
            assertEquals(List.of(), again.session.sent);
            again.receive("35=H|11=C-1|55=CCER|54=1");
            assertEquals("0", again.session.only().get(39), "the state the replay rebuilt");
        }
    }

    @Test
    void aReportTheStoreAlreadyHoldsIsNotSentAgain() throws Exception
    {
        final long orderId = placeAndCrash();

        try (OrderEntryFixture restarted = new OrderEntryFixture(folder, 5, replay -> replay.accepted(5, orderId)))
        {
            restarted.open(Set.of("5-1"), 5);

            assertEquals(0, restarted.recoveredSent);
            assertEquals(List.of(), restarted.session.sent);
        }
    }

    @Test
    void anOrderTheJournalNeverGotIsRejectedOnceAtRestart() throws Exception
    {
        final long orderId = placeAndCrash();

        try (OrderEntryFixture restarted = new OrderEntryFixture(folder, -1, replay ->
        {
        }))
        {
            restarted.open(Set.of(), -1);

            final Map<Integer, String> reject = restarted.session.only();
            assertEquals("X" + orderId, reject.get(17));
            assertEquals("NONE", reject.get(37), "the exchange never took it");
            assertEquals("C-1", reject.get(11));
            assertEquals("8", reject.get(150));
            assertEquals("8", reject.get(39));
            assertEquals(OrderMessages.NOT_JOURNALED, reject.get(58));
        }
        try (OrderEntryFixture again = new OrderEntryFixture(folder, -1, replay ->
        {
        }))
        {
            again.open(Set.of(), -1);

            assertEquals(List.of(), again.session.sent, "its rejection was stored: not again");
            again.receive("35=H|11=C-1|55=CCER|54=1");
            assertEquals("8", again.session.only().get(39));
        }
    }

    @Test
    void aReplaceLoggedButNeverJournaledGetsAnOrderCancelRejectAtRestart() throws Exception
    {
        final long orderId;
        try (OrderEntryFixture first = new OrderEntryFixture(folder).open())
        {
            first.receive(LIMIT_BUY);
            orderId = orderIdOf(first.commands.get(0));
            first.accepted(5, orderId);
            first.endOfBatch();
            first.receive("35=G|11=C-2|41=C-1|1=1001|55=CCER|54=1|40=2|44=81|38=90");
        }

        try (OrderEntryFixture restarted = new OrderEntryFixture(folder, 5, replay -> replay.accepted(5, orderId)))
        {
            restarted.open(Set.of("5-1"), 5);

            final Map<Integer, String> reject = restarted.session.only();
            assertEquals("9", reject.get(35));
            assertEquals("C-2", reject.get(11));
            assertEquals("C-1", reject.get(41));
            assertEquals("2", reject.get(434));
            assertEquals(OrderMessages.NOT_JOURNALED, reject.get(58));
        }
    }

    /**
     * A run that logs and publishes an order and stops before any event of it is reported.
     *
     * @return the order's id.
     */
    private long placeAndCrash() throws Exception
    {
        try (OrderEntryFixture first = new OrderEntryFixture(folder).open())
        {
            first.receive(LIMIT_BUY);
            return orderIdOf(first.commands.get(0));
        }
    }

    private static long orderIdOf(final UnsafeBuffer command)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(command, 0);
        return new NewOrderDecoder().wrap(command, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version()).orderId();
    }
}
