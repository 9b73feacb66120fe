package io.carbonx.engine.pipeline;

import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.journal.JournalReader;
import io.carbonx.engine.snapshot.SnapshotStore;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.NewOrderDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.READ;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class EnginePipelineTest
{
    private static final Duration AWAIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private final List<EnginePipeline> engines = new ArrayList<>();

    @AfterEach
    void closeEngines()
    {
        engines.forEach(EnginePipeline::close);
    }

    @ParameterizedTest
    @EnumSource(JournalDurability.class)
    void commandsFromSeveralThreadsAreJournaledAndAppliedOnceInSequenceOrder(final JournalDurability durability)
        throws Exception
    {
        final int producers = 4;
        final int perProducer = 2_500;
        final RecordingStateMachine stateMachine = new RecordingStateMachine(new OrderMapStateMachine());
        final CapturingListener listener = new CapturingListener();
        final EnginePipeline engine = start(settings(durability), stateMachine, listener);

        final CountDownLatch go = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final int sourceId = p;
            final boolean encodeInPlace = 0 == p % 2;
            final Thread thread = new Thread(() ->
            {
                final TestCommands commands = new TestCommands();
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
                final CommandClaim claim = new CommandClaim();
                awaitQuietly(go);
                for (int i = 0; i < perProducer; i++)
                {
                    final long orderId = sourceId * 1_000_000L + i;
                    if (encodeInPlace)
                    {
                        engine.claim(claim);
                        claim.commit(commands.newOrder(claim.buffer(), sourceId, i, orderId, 1 + i % 9));
                    }
                    else
                    {
                        engine.publish(buffer, 0, commands.newOrder(buffer, sourceId, i, orderId, 1 + i % 9));
                    }
                }
            }, "producer-" + p);
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (final Thread thread : threads)
        {
            thread.join();
        }

        final int total = producers * perProducer;
        listener.awaitCount(total, AWAIT);
        engine.close();

        final List<RecordingStateMachine.Applied> applied = stateMachine.applied();
        assertEquals(total, applied.size());
        for (int i = 0; i < total; i++)
        {
            assertEquals(i, applied.get(i).sequence(), "applied in sequence order, each once");
            assertEquals("carbonx-business-logic", applied.get(i).thread());
        }

        // The journal holds the same commands under the same sequences, and each producer's commands in its order.
        final NewOrderDecoder newOrder = new NewOrderDecoder();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final long[] nextCorrelationId = new long[producers];
        try (JournalReader reader = new JournalReader(directory.resolve("journal")))
        {
            assertEquals(total - 1, reader.lastSequence());
            reader.read(-1, Long.MAX_VALUE, (sequence, buffer, offset, length) ->
            {
                final byte[] journaled = new byte[length];
                buffer.getBytes(offset, journaled);
                assertEquals(new String(applied.get((int)sequence).command(), UTF_8), new String(journaled, UTF_8));
                newOrder.wrapAndApplyHeader(buffer, offset, header);
                assertEquals(nextCorrelationId[newOrder.envelope().sourceId()]++, newOrder.envelope().correlationId());
            });
        }

        // One acceptance per command, in sequence order, tagged with the command's sequence.
        final List<CapturingListener.Event> events = listener.events();
        assertEquals(total, events.size());
        final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
        for (int i = 0; i < total; i++)
        {
            final CapturingListener.Event event = events.get(i);
            assertEquals(i, event.commandSequence());
            assertEquals(OrderAcceptedDecoder.TEMPLATE_ID, event.templateId());
            accepted.wrapAndApplyHeader(new UnsafeBuffer(event.bytes()), 0, header);
            assertEquals(i, accepted.envelope().commandSequence());
        }
    }

    @ParameterizedTest
    @EnumSource(JournalDurability.class)
    void noEventLeavesBeforeItsCommandIsDurableInTheJournal(final JournalDurability durability) throws Exception
    {
        final EngineSettings settings = settings(durability);
        final ScriptedJournal journal = new ScriptedJournal(
            new ChronicleJournal(settings.journalDirectory(), durability), JournalDurability.PAGE_CACHE == durability)
            .pauses(200_000, 100_000);
        final AtomicInteger early = new AtomicInteger();
        final AtomicInteger received = new AtomicInteger();
        final EngineEventListener guard = (buffer, offset, length, commandSequence) ->
        {
            if (commandSequence > journal.durableSequence())
            {
                early.incrementAndGet();
            }
            received.incrementAndGet();
        };
        final EnginePipeline engine = new EnginePipeline(settings, new OrderMapStateMachine(), journal, List.of(guard));
        engines.add(engine);
        engine.start();

        final int total = 3_000;
        publishScript(engine, CommandScript.generate(7, total, 1));
        engine.close();

        assertEquals(total, received.get());
        assertEquals(0, early.get(), "events released ahead of the journal");
    }

    @Test
    void snapshotIsTakenAfterATakeSnapshotCommand() throws Exception
    {
        final OrderMapStateMachine stateMachine = new OrderMapStateMachine();
        final CapturingListener listener = new CapturingListener();
        final EngineSettings settings = settings(JournalDurability.PAGE_CACHE);
        final EnginePipeline engine = start(settings, stateMachine, listener);

        final List<byte[]> before = CommandScript.generate(11, 100, 1);
        publishScript(engine, before);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
        engine.publish(buffer, 0, new TestCommands().takeSnapshot(buffer, 9, 1));
        publishScript(engine, CommandScript.generate(12, 50, 1));
        engine.close();

        final List<Path> snapshots = new SnapshotStore(settings.snapshotDirectory(), 3).snapshots();
        assertEquals(1, snapshots.size());
        final OrderMapStateMachine expected = new OrderMapStateMachine();
        CommandScript.applyDirectly(expected, before, 0);
        final OrderMapStateMachine loaded = new OrderMapStateMachine();
        assertEquals(100, new SnapshotStore(settings.snapshotDirectory(), 3).loadNewest(loaded));
        assertEquals(100, loaded.lastAppliedSequence());
        assertEquals(mixInTakeSnapshot(expected, before), loaded.stateHash());
        assertEquals(150, listener.count(), "TakeSnapshot itself answers nothing in the test state machine");
    }

    @Test
    void snapshotsAreTakenEveryIntervalAndOnlyTheNewestAreKept() throws Exception
    {
        final EngineSettings settings = settings(JournalDurability.PAGE_CACHE).toBuilder()
            .snapshotIntervalCommands(100)
            .snapshotsToKeep(2)
            .build();
        final EnginePipeline engine = start(settings, new OrderMapStateMachine(), new CapturingListener());
        final List<byte[]> script = CommandScript.generate(13, 350, 1);
        publishScript(engine, script);
        engine.close();

        final SnapshotStore store = new SnapshotStore(settings.snapshotDirectory(), 2);
        final List<Path> snapshots = store.snapshots();
        assertEquals(2, snapshots.size());
        assertTrue(snapshots.get(0).getFileName().toString().contains("299"), snapshots.toString());
        assertTrue(snapshots.get(1).getFileName().toString().contains("199"), snapshots.toString());

        for (final Path snapshot : snapshots)
        {
            final long sequence = SnapshotStore.validate(snapshot).sequence();
            final OrderMapStateMachine expected = new OrderMapStateMachine();
            CommandScript.applyDirectly(expected, script.subList(0, (int)sequence + 1), 0);
            final OrderMapStateMachine loaded = new OrderMapStateMachine();
            try (FileChannel channel = FileChannel.open(snapshot, READ))
            {
                channel.position(io.carbonx.engine.snapshot.SnapshotHeader.LENGTH);
                loaded.readSnapshot(new DataInputStream(Channels.newInputStream(channel)));
            }
            assertEquals(expected.stateHash(), loaded.stateHash());
        }
    }

    @Test
    void journalFailureStopsAcceptanceAndReleasesNothingAfterIt() throws Exception
    {
        final EngineSettings settings = settings(JournalDurability.PAGE_CACHE);
        final ScriptedJournal journal = new ScriptedJournal(
            new ChronicleJournal(settings.journalDirectory(), JournalDurability.PAGE_CACHE), true).failAppendAt(50);
        final CapturingListener listener = new CapturingListener();
        final String log = capturingStandardError(() ->
        {
            final EnginePipeline engine =
                new EnginePipeline(settings, new OrderMapStateMachine(), journal, List.of(listener));
            engines.add(engine);
            engine.start();

            final List<byte[]> script = CommandScript.generate(17, 200, 1);
            int refused = 0;
            for (final byte[] command : script)
            {
                try
                {
                    engine.publish(new UnsafeBuffer(command), 0, command.length);
                }
                catch (final EngineUnavailableException ex)
                {
                    refused++;
                }
            }
            awaitState(engine, EngineState.FAILED);

            final EngineUnavailableException refusal = assertThrows(
                EngineUnavailableException.class, () ->
                    engine.publish(new UnsafeBuffer(script.get(0)), 0, script.get(0).length));
            assertEquals(EngineState.FAILED, refusal.state());
            assertTrue(refusal.getMessage().contains("journal append failed at sequence 50"), refusal.getMessage());
            assertInstanceOf(IOException.class, refusal.getCause().getCause());
            assertThrows(EngineUnavailableException.class, () -> engine.claim(new CommandClaim()));

            engine.close();
            assertEquals(EngineState.CLOSED, engine.state());
            assertTrue(refused >= 0);
        });

        // The batch holding command 50 is not written, so neither it nor the commands before it in that batch count:
        // the events are those of the batches the journal holds, and none after them.
        final List<CapturingListener.Event> events = listener.events();
        assertTrue(events.size() <= 50, "no event of the failed batch: " + events.size());
        for (int i = 0; i < events.size(); i++)
        {
            assertEquals(i, events.get(i).commandSequence());
        }
        assertTrue(log.contains("ALERT engine stopped accepting commands: journal append failed at sequence 50"), log);
        try (JournalReader reader = new JournalReader(settings.journalDirectory()))
        {
            assertEquals(events.size() - 1, reader.lastSequence(), "the journal holds exactly what was answered");
        }
    }

    @Test
    void failedSyncWithholdsEveryCommandOfItsBatch() throws Exception
    {
        final EngineSettings settings = settings(JournalDurability.SYNC_PER_BATCH);
        final ScriptedJournal journal = new ScriptedJournal(
            new ChronicleJournal(settings.journalDirectory(), JournalDurability.SYNC_PER_BATCH), false)
            .failOnSync(5)
            .pauses(0, 200_000);
        final CapturingListener listener = new CapturingListener();
        final EnginePipeline engine =
            new EnginePipeline(settings, new OrderMapStateMachine(), journal, List.of(listener));
        engines.add(engine);
        capturingStandardError(() ->
        {
            engine.start();
            final List<byte[]> script = CommandScript.generate(19, 2_000, 1);
            for (int i = 0; i < script.size(); i++)
            {
                try
                {
                    engine.publish(new UnsafeBuffer(script.get(i)), 0, script.get(i).length);
                }
                catch (final EngineUnavailableException ex)
                {
                    break;
                }
                if (0 == i % 10)
                {
                    // Many small batches, so that syncs happen and one of them fails: wait until everything
                    // published so far is answered (or the engine has failed) before publishing more.
                    final int published = i + 1;
                    await().atMost(AWAIT)
                        .until(() -> listener.count() >= published || engine.state() == EngineState.FAILED);
                }
            }
            awaitState(engine, EngineState.FAILED);
            engine.close();
        });

        final long lastSynced = journal.durableSequence();
        final List<CapturingListener.Event> events = listener.events();
        assertTrue(lastSynced >= 0, "some batches synced before the failure");
        assertEquals(lastSynced + 1, events.size(), "exactly the synced commands are answered");
        assertEquals(lastSynced, events.get(events.size() - 1).commandSequence());
    }

    @Test
    void stateMachineThatThrowsFailsTheEngine() throws Exception
    {
        final RecordingStateMachine stateMachine = new RecordingStateMachine(new OrderMapStateMachine(), s -> s == 10);
        final CapturingListener listener = new CapturingListener();
        final EnginePipeline engine = start(settings(JournalDurability.PAGE_CACHE), stateMachine, listener);
        capturingStandardError(() ->
        {
            publishScript(engine, CommandScript.generate(23, 10, 1));
            engine.publish(new UnsafeBuffer(CommandScript.generate(23, 11, 1).get(10)), 0, 5);
            awaitState(engine, EngineState.FAILED);
        });
        assertInstanceOf(IllegalStateException.class, engine.failureCause());
        assertThrows(EngineUnavailableException.class, () -> publishScript(engine, CommandScript.generate(1, 1, 1)));
    }

    @Test
    void closeDrainsEveryPublishedCommandToTheListeners() throws Exception
    {
        final CapturingListener first = new CapturingListener();
        final CapturingListener second = new CapturingListener();
        final EngineSettings settings = settings(JournalDurability.PAGE_CACHE);
        final EnginePipeline engine = new EnginePipeline(settings, new OrderMapStateMachine(), List.of(first, second));
        engines.add(engine);
        engine.start();
        publishScript(engine, CommandScript.generate(29, 5_000, 1));
        engine.close();

        assertEquals(5_000, first.count());
        assertEquals(5_000, second.count());
        try (JournalReader reader = new JournalReader(settings.journalDirectory()))
        {
            assertEquals(4_999, reader.lastSequence());
        }
        assertThrows(EngineUnavailableException.class, () -> publishScript(engine, CommandScript.generate(1, 1, 1)));
    }

    @Test
    void tryPublishRefusesWithoutWaitingWhileTheRingIsFullAndPublishesOnceThereIsRoom() throws Exception
    {
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicInteger received = new AtomicInteger();
        final EngineEventListener held = (buffer, offset, length, commandSequence) ->
        {
            awaitQuietly(gate);
            received.incrementAndGet();
        };
        final EnginePipeline engine = start(settings(JournalDurability.PAGE_CACHE), new OrderMapStateMachine(), held);
        final List<byte[]> script = CommandScript.generate(41, 10_000, 1);
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        int published = 0;
        while (published < script.size())
        {
            final byte[] command = script.get(published);
            buffer.wrap(command);
            if (!engine.tryPublish(buffer, 0, command.length))
            {
                break;
            }
            published++;
        }
        assertTrue(published < script.size(), "the held listener must fill the rings before the script ends");
        final byte[] refused = script.get(published);
        buffer.wrap(refused);
        assertFalse(engine.tryPublish(buffer, 0, refused.length), "still full");

        gate.countDown();
        await().atMost(AWAIT).alias("room in the command ring")
            .until(() -> engine.tryPublish(new UnsafeBuffer(refused), 0, refused.length));
        final int total = published + 1;
        await().atMost(AWAIT).alias("every published command applied and reported")
            .until(() -> received.get() >= total);
        engine.close();
        assertEquals(total, received.get(), "a refused offer publishes nothing");
    }

    @Test
    void abortedClaimUsesNoSequence() throws Exception
    {
        final CapturingListener listener = new CapturingListener();
        final EnginePipeline engine =
            start(settings(JournalDurability.PAGE_CACHE), new OrderMapStateMachine(), listener);
        final CommandClaim claim = new CommandClaim();
        engine.claim(claim);
        claim.abort();
        engine.claim(claim);
        assertThrows(IllegalArgumentException.class, () -> claim.commit(EnginePipeline.MAX_COMMAND_LENGTH + 1));
        assertThrows(IllegalStateException.class, () -> claim.commit(10), "a failed commit aborts the claim");
        publishScript(engine, CommandScript.generate(31, 1, 1));
        listener.awaitCount(1, AWAIT);
        assertEquals(0, listener.events().get(0).commandSequence());
    }

    @Test
    void refusesCommandsBeforeStart() throws Exception
    {
        final EnginePipeline engine = new EnginePipeline(
            settings(JournalDurability.PAGE_CACHE), new OrderMapStateMachine(), List.of());
        engines.add(engine);
        final EngineUnavailableException refusal =
            assertThrows(EngineUnavailableException.class, () ->
                publishScript(engine, CommandScript.generate(1, 1, 1)));
        assertEquals(EngineState.NEW, refusal.state());
    }

    @Test
    void refusesAStateMachineThatIsBehindTheJournal() throws Exception
    {
        final EngineSettings settings = settings(JournalDurability.PAGE_CACHE);
        final EnginePipeline first = start(settings, new OrderMapStateMachine(), new CapturingListener());
        publishScript(first, CommandScript.generate(37, 10, 1));
        first.close();

        final IllegalStateException refusal = assertThrows(IllegalStateException.class,
            () -> new EnginePipeline(settings, new OrderMapStateMachine(), List.of()));
        assertTrue(refusal.getMessage().contains("journal ends at 9"), refusal.getMessage());
    }

    static void publishScript(final EnginePipeline engine, final List<byte[]> script)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        for (final byte[] command : script)
        {
            buffer.wrap(command);
            engine.publish(buffer, 0, command.length);
        }
    }

    private EngineSettings settings(final JournalDurability durability)
    {
        return settings(directory, durability);
    }

    /**
     * Small rings, no periodic snapshots, journal and snapshots in subfolders of a test's folder.
     */
    static EngineSettings settings(final Path directory, final JournalDurability durability)
    {
        return EngineSettings.builder()
            .commandRingSize(1024)
            .eventRingSize(1024)
            .journalDurability(durability)
            .journalDirectory(directory.resolve("journal"))
            .snapshotDirectory(directory.resolve("snapshots"))
            .snapshotIntervalCommands(0)
            .build();
    }

    private EnginePipeline start(
        final EngineSettings settings, final io.carbonx.engine.core.StateMachine stateMachine,
        final EngineEventListener listener)
    {
        final EnginePipeline engine = new EnginePipeline(settings, stateMachine, List.of(listener));
        engines.add(engine);
        engine.start();
        return engine;
    }

    /**
     * The hash of a state machine that applied the script and then a TakeSnapshot, which changes nothing but the
     * last applied sequence.
     */
    private static long mixInTakeSnapshot(final OrderMapStateMachine expected, final List<byte[]> before)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
        final int length = new TestCommands().takeSnapshot(buffer, 9, 1);
        final byte[] takeSnapshot = new byte[length];
        buffer.getBytes(0, takeSnapshot);
        CommandScript.applyDirectly(expected, List.of(takeSnapshot), before.size());
        return expected.stateHash();
    }

    private static void awaitState(final EnginePipeline engine, final EngineState state)
    {
        await().atMost(AWAIT).alias("engine state " + state).until(engine::state, s -> s == state);
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    interface ThrowingRunnable
    {
        void run() throws Exception;
    }

    /**
     * Run with standard error captured, where slf4j-simple writes, and return what was written.
     */
    static String capturingStandardError(final ThrowingRunnable action) throws Exception
    {
        final PrintStream original = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, UTF_8));
        try
        {
            action.run();
        }
        finally
        {
            System.setErr(original);
            original.print(captured.toString(UTF_8));
        }
        return captured.toString(UTF_8);
    }
}
