package io.carbonx.gateway.http;

import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.JournalDamage;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.registry.HoldingLimits;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read replica on its own, without HTTP or sockets: a real journal in a temporary folder, written through the
 * engine's own journal and command writer as the engine's journaler would, and a replica recovering from it and then
 * following it. Expected balances are worked out from the commands written, with the test settings' fees of 3 basis
 * points on each side, rounded up to the next 0.01.
 */
class ReadReplicaTest
{
    private static final int CEA = 1;
    private static final long SELLER = 101;
    private static final long BUYER = 102;
    private static final long CASH = 10_000_000_00L;
    private static final long ISSUED = 1_000;
    private static final long FEE_BASIS_POINTS = 3;
    private static final long TIME = 1_000_000L;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    private final ExchangeSettings settings = TestSettings.settings(HoldingLimits.unlimited());
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1_024]);
    private final CommandWriter writer = new CommandWriter();
    private final PendingCommands pending = new PendingCommands();
    private EngineSettings engineSettings;
    private ChronicleJournal journal;
    private ReadReplica replica;

    @BeforeEach
    void openJournal()
    {
        engineSettings = EngineSettings.builder()
            .journalDirectory(folder.resolve("journal"))
            .snapshotDirectory(folder.resolve("snapshots"))
            .build();
        journal = new ChronicleJournal(engineSettings.journalDirectory(), JournalDurability.PAGE_CACHE);
    }

    @AfterEach
    void close()
    {
        if (replica != null)
        {
            replica.close();
        }
        if (journal != null)
        {
            journal.close();
        }
    }

    @Test
    void recoversTheWholeJournalAndThenFollowsWhatIsAppended()
    {
        writeMarket();
        replica = new ReadReplica(settings, engineSettings, pending);
        replica.recover();

        assertEquals(journal.lastSequence(), replica.appliedSequence(), "recovery applies every journaled command");
        assertEquals(ISSUED, (long)replica.read(view -> view.registry().holding(SELLER, CEA).total()));
        assertEquals(CASH, (long)replica.read(view -> view.registry().account(BUYER).cashTotal()));

        replica.start();
        final long quantity = 100;
        final long price = 100_00;
        append(writer.envelope(TIME, SourceIds.FIX, 1)
            .newOrder(buffer, 0, 1, SELLER, 0, CEA, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, price,
            quantity, 0));
        append(writer.envelope(TIME, SourceIds.FIX, 2)
            .newOrder(buffer, 0, 2, BUYER, 0, CEA, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, price + 1_00,
            quantity, 0));
        awaitCaughtUp();

        final long value = quantity * price;
        final long fee = fee(value);
        assertEquals(ISSUED - quantity, (long)replica.read(view -> view.registry().holding(SELLER, CEA).total()));
        assertEquals(quantity, (long)replica.read(view -> view.registry().holding(BUYER, CEA).total()));
        assertEquals(CASH - value - fee, (long)replica.read(view -> view.registry().account(BUYER).cashTotal()));
        assertEquals(0, (long)replica.read(view -> view.registry().account(BUYER).cashReserved()),
            "the price improvement is released once the buy order is filled");
        assertEquals(value - fee, (long)replica.read(view -> view.registry().account(SELLER).cashTotal()));
        assertEquals(2 * fee,
            (long)replica.read(view -> view.registry().account(TestSettings.FEE_ACCOUNT).cashTotal()));

        final List<TradeRecord> trades = replica.trades(BUYER, 0);
        assertEquals(1, trades.size(), "the trade log holds the trade of a command applied while following");
        final TradeRecord trade = trades.get(0);
        assertEquals(price, trade.price(), "at the resting order's price");
        assertEquals(quantity, trade.quantity());
        assertEquals(SELLER, trade.sellerAccountId());
        assertEquals(fee, trade.buyerFee());
        assertEquals(fee, trade.sellerFee());

        final long withdrawn = 123_45;
        append(writer.envelope(TIME, SourceIds.EXCHANGE, 0).withdrawCash(buffer, 0, SELLER, withdrawn));
        awaitCaughtUp();
        assertEquals(value - fee - withdrawn,
            (long)replica.read(view -> view.registry().account(SELLER).cashTotal()),
            "it keeps following after it caught up");
    }

    @Test
    void recoveryKeepsTheTradesOfTheWholeJournal()
    {
        writeMarket();
        append(writer.envelope(TIME, SourceIds.FIX, 1)
            .newOrder(buffer, 0, 1, SELLER, 0, CEA, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 100_00, 40,
            0));
        append(writer.envelope(TIME, SourceIds.FIX, 2)
            .newOrder(buffer, 0, 2, BUYER, 0, CEA, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 100_00, 40,
            0));
        replica = new ReadReplica(settings, engineSettings, pending);
        replica.recover();

        final List<TradeRecord> trades = replica.trades(0, 0);
        assertEquals(1, trades.size());
        assertEquals(40, trades.get(0).quantity());
        assertEquals(fee(40 * 100_00), trades.get(0).buyerFee());
    }

    @Test
    void anApiCommandIsReportedToThePendingRequestOfItsCorrelationId() throws Exception
    {
        writeMarket();
        startReplica();

        final PendingCommand deposit = pending.register(77);
        final long amount = 500_00;
        final long depositSequence =
            append(writer.envelope(TIME, SourceIds.HTTP, 77).depositCash(buffer, 0, SELLER, amount));
        awaitCaughtUp();
        assertFalse(deposit.outcome().isDone(),
            "a deposit's events carry the API as source, so its outcome also waits for the engine's answer");
        deposit.engineAnswered(depositSequence);
        final AppliedCommand applied = deposit.outcome().get(30, TimeUnit.SECONDS);
        assertEquals(depositSequence, applied.sequence());
        assertNull(applied.rejection());
        assertFalse(applied.events().isEmpty());
        assertEquals(amount, (long)replica.read(view -> view.registry().account(SELLER).cashTotal()),
            "a read after the outcome sees the command's effect");

        final PendingCommand rejected = pending.register(78);
        rejected.engineAnswered(-1);
        final long rejectedSequence =
            append(writer.envelope(TIME, SourceIds.HTTP, 78).withdrawCash(buffer, 0, SELLER, amount + 1));
        final AppliedCommand refusal = rejected.outcome().get(30, TimeUnit.SECONDS);
        assertEquals(rejectedSequence, refusal.sequence());
        assertEquals("INSUFFICIENT_CASH", refusal.rejection());
        assertEquals(amount, (long)replica.read(view -> view.registry().account(SELLER).cashTotal()),
            "a rejected withdrawal changes nothing");

        final PendingCommand dayClose = pending.register(79);
        final long closeSequence =
            append(writer.envelope(TIME, SourceIds.HTTP, 79).endOfTradingDay(buffer, 0, 20261207));
        awaitCaughtUp();
        assertFalse(dayClose.outcome().isDone(),
            "a day close's events carry the envelope's source too, so it also waits for the engine's answer");
        dayClose.engineAnswered(closeSequence);
        final AppliedCommand closed = dayClose.outcome().get(30, TimeUnit.SECONDS);
        assertEquals(closeSequence, closed.sequence());
        assertFalse(closed.events().isEmpty());

        final PendingCommand snapshot = pending.register(80);
        final long snapshotSequence = append(writer.envelope(TIME, SourceIds.HTTP, 80).takeSnapshot(buffer, 0));
        final AppliedCommand snapshotApplied = snapshot.outcome().get(30, TimeUnit.SECONDS);
        assertEquals(snapshotSequence, snapshotApplied.sequence(),
            "a command without events has no engine answer to wait for: the replica alone answers it");
        assertTrue(snapshotApplied.events().isEmpty());
    }

    @Test
    void aCommandFromAnotherSourceDoesNotAnswerAnApiRequestWithTheSameCorrelationId() throws Exception
    {
        writeMarket();
        startReplica();

        final PendingCommand apiRequest = pending.register(5);
        apiRequest.engineAnswered(-1);
        append(writer.envelope(TIME, SourceIds.FIX, 5).depositCash(buffer, 0, SELLER, 1_00));
        append(writer.envelope(TIME, SourceIds.EXCHANGE, 5).depositCash(buffer, 0, SELLER, 2_00));
        final PendingCommand later = pending.register(6);
        later.engineAnswered(-1);
        final long laterSequence =
            append(writer.envelope(TIME, SourceIds.HTTP, 6).depositCash(buffer, 0, SELLER, 4_00));

        assertEquals(laterSequence, later.outcome().get(30, TimeUnit.SECONDS).sequence());
        assertFalse(apiRequest.outcome().isDone(), "only a command the API sent answers an API request");
        assertEquals(7_00, (long)replica.read(view -> view.registry().account(SELLER).cashTotal()));
    }

    @Test
    void aSequenceBeyondTheJournalIsReachedOnlyWhenTheJournalGetsThere() throws Exception
    {
        writeMarket();
        startReplica();
        awaitCaughtUp();

        final long end = journal.lastSequence();
        assertEquals(end, replica.journalEnd());
        final long beyond = end + 3;
        final CompletableFuture<Void> reached = replica.whenApplied(beyond);
        assertFalse(replica.awaitSequence(beyond, 50), "a sequence the journal does not hold yet is not reached");
        assertFalse(reached.isDone());
        assertTrue(replica.whenApplied(end).isDone(), "a sequence already applied completes at once");
        assertTrue(replica.awaitSequence(end, 0));

        for (int i = 0; i < 3; i++)
        {
            append(writer.envelope(TIME, SourceIds.EXCHANGE, 0).depositCash(buffer, 0, BUYER, 1_00));
        }
        reached.get(30, TimeUnit.SECONDS);
        assertTrue(replica.awaitSequence(beyond, 30_000));
        assertEquals(beyond, replica.appliedSequence());
        assertEquals(beyond, replica.journalEnd());
        assertEquals(CASH + 3_00, (long)replica.read(view -> view.registry().account(BUYER).cashTotal()));
    }

    @Test
    void aMissingJournalIsAnEmptyOneThatTheReplicaThenFollows()
    {
        journal.close();
        journal = null;
        final Path missing = folder.resolve("never-written");
        engineSettings = EngineSettings.builder()
            .journalDirectory(missing)
            .snapshotDirectory(folder.resolve("snapshots"))
            .build();
        replica = new ReadReplica(settings, engineSettings, pending);
        replica.recover();
        assertEquals(-1, replica.appliedSequence());
        assertEquals(-1, replica.journalEnd(), "before it starts, the end is what it applied");
        replica.start();
        assertEquals(-1, replica.journalEnd());

        journal = new ChronicleJournal(missing, JournalDurability.PAGE_CACHE);
        writeMarket();
        awaitCaughtUp();
        assertEquals(ISSUED, (long)replica.read(view -> view.registry().holding(SELLER, CEA).total()));
    }

    @Test
    void aDamagedJournalStopsRecoveryInsteadOfBuildingAStateThatNeverExisted() throws Exception
    {
        writeMarket();
        journal.close();
        journal = null;
        final JournalDamage.Location deposit = JournalDamage.locate(engineSettings.journalDirectory(), 4);
        JournalDamage.flipByte(deposit.file(), deposit.bodyOffset() + JournalDamage.COMMAND_OFFSET + 20);

        replica = new ReadReplica(settings, engineSettings, pending);
        final IllegalStateException damaged = assertThrows(IllegalStateException.class, replica::recover);
        assertTrue(damaged.getMessage().contains("journal"), damaged.getMessage());
        assertEquals(-1, replica.appliedSequence(), "a replica that failed to recover claims nothing applied");
    }

    /**
     * Sequences 0 to 4: an instrument, a seller holding {@link #ISSUED} units and a buyer holding {@link #CASH}.
     */
    private void writeMarket()
    {
        append(writer.envelope(TIME, SourceIds.EXCHANGE, 0).addInstrument(buffer, 0,
            new InstrumentSpec(CEA, "CEA-2025", InstrumentKind.ALLOWANCE, 2025, 1, 1, 1, 99_999, 1_000, 100_00,
            SelfTradePolicy.CANCEL_INCOMING)));
        append(writer.envelope(TIME, SourceIds.EXCHANGE, 0).openAccount(buffer, 0, SELLER, AccountType.COMPLIANCE));
        append(writer.envelope(TIME, SourceIds.EXCHANGE, 0).openAccount(buffer, 0, BUYER, AccountType.TRADING));
        append(writer.envelope(TIME, SourceIds.EXCHANGE, 0).issueUnits(buffer, 0, SELLER, CEA, ISSUED));
        append(writer.envelope(TIME, SourceIds.EXCHANGE, 0).depositCash(buffer, 0, BUYER, CASH));
    }

    /**
     * Journal a command as the engine's journaler does: the next dense sequence, then the end of the batch.
     *
     * @return the command's sequence.
     */
    private long append(final int length)
    {
        final long sequence = journal.lastSequence() + 1;
        journal.append(sequence, buffer, 0, length);
        journal.endOfBatch();
        return sequence;
    }

    private void startReplica()
    {
        replica = new ReadReplica(settings, engineSettings, pending);
        replica.recover();
        replica.start();
    }

    private void awaitCaughtUp()
    {
        final long last = journal.lastSequence();
        await().atMost(WAIT).until(() -> replica.appliedSequence() == last);
    }

    /**
     * A fee of {@link #FEE_BASIS_POINTS} on a trade's value, rounded up to the next 0.01.
     */
    private static long fee(final long value)
    {
        return (value * FEE_BASIS_POINTS + 9_999) / 10_000;
    }
}
