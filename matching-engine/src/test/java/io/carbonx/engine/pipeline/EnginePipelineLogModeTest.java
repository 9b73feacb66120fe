package io.carbonx.engine.pipeline;

import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.core.StateMachine;
import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.journal.JournalReader;
import io.carbonx.registry.HoldingLimits;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.carbonx.engine.pipeline.EnginePipelineTest.capturingStandardError;
import static io.carbonx.engine.pipeline.EnginePipelineTest.publishScript;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine in log mode, sequenced by a replicated log (here {@link InMemoryCommandCluster}, which commits late, in
 * batches, interleaving another gateway's commands): it journals and applies the log's order, so its events, journal
 * and state are those of a local engine fed the same order.
 */
@Timeout(120)
class EnginePipelineLogModeTest
{
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final int OTHER_GATEWAY_SOURCE = 9;

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
    void eventsJournalAndStateHashEqualThoseOfALocalEngineFedTheLogsOrder(final JournalDurability durability)
        throws Exception
    {
        final InMemoryCommandCluster cluster = new InMemoryCommandCluster();
        final StateMachine logState = exchange();
        final CapturingListener logEvents = new CapturingListener();
        final EngineSettings logSettings = settings("gateway", durability);
        final EnginePipeline engine = start(logSettings, logState, cluster.open(0, 7), logEvents);
        assertEquals(-1, engine.awaitLogCaughtUp(AWAIT), "an empty log");

        ExchangeWorkload.setUp(engine);
        final List<Thread> producers = new ArrayList<>();
        for (int p = 1; p <= 2; p++)
        {
            final ExchangeWorkload workload = new ExchangeWorkload(p, new Random(100 + p));
            final Thread producer = new Thread(() -> publishWorkload(engine, workload, 2_000), "producer-" + p);
            producer.start();
            producers.add(producer);
        }
        final ExchangeWorkload otherGateway = new ExchangeWorkload(OTHER_GATEWAY_SOURCE, new Random(99));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
        for (int i = 0; i < 500; i++)
        {
            cluster.appendFromAnotherGateway(encoded(buffer, otherGateway.next(buffer)));
        }
        for (final Thread producer : producers)
        {
            producer.join();
        }
        // Committed after everything above, so once it is answered the engine has applied the whole log.
        publishWorkload(engine, new ExchangeWorkload(3, new Random(3)), 1);
        engine.close();

        final List<byte[]> committed = cluster.committed();
        assertEquals(ExchangeWorkload.genesis().size() + 4_000 + 500 + 1, committed.size());

        final StateMachine localState = exchange();
        final CapturingListener localEvents = new CapturingListener();
        final EngineSettings localSettings = settings("local", durability);
        final EnginePipeline local = new EnginePipeline(localSettings, localState, List.of(localEvents));
        engines.add(local);
        local.start();
        publishScript(local, committed);
        local.close();

        assertEquals(committed.size() - 1, logState.lastAppliedSequence());
        assertEquals(localState.stateHash(), logState.stateHash());
        assertSameEvents(localEvents.events(), logEvents.events());
        assertJournalHolds(logSettings, committed);
        assertJournalHolds(localSettings, committed);
    }

    @Test
    void commandsOfAnotherGatewayAreJournaledAndAppliedOnTheBusinessLogicThread() throws Exception
    {
        final InMemoryCommandCluster cluster = new InMemoryCommandCluster();
        final RecordingStateMachine state = new RecordingStateMachine(new OrderMapStateMachine());
        final CapturingListener listener = new CapturingListener();
        final EngineSettings settings = settings("gateway", JournalDurability.PAGE_CACHE);
        final EnginePipeline engine = start(settings, state, cluster.open(0, 3), listener);

        final List<byte[]> own = CommandScript.generate(5, 100, 1);
        final List<byte[]> others = CommandScript.generate(6, 100, 2);
        for (int i = 0; i < 100; i++)
        {
            publishScript(engine, own.subList(i, i + 1));
            cluster.appendFromAnotherGateway(others.get(i));
        }
        listener.awaitCount(200, AWAIT);
        engine.close();

        final List<byte[]> committed = cluster.committed();
        assertEquals(200, committed.size());
        assertJournalHolds(settings, committed);
        final List<RecordingStateMachine.Applied> applied = state.applied();
        assertEquals(200, applied.size());
        for (int i = 0; i < applied.size(); i++)
        {
            assertEquals(i, applied.get(i).sequence());
            assertEquals("carbonx-business-logic", applied.get(i).thread());
            assertArrayEquals(committed.get(i), applied.get(i).command());
        }
        final OrderMapStateMachine expected = new OrderMapStateMachine();
        CommandScript.applyDirectly(expected, committed, 0);
        assertEquals(expected.stateHash(), state.stateHash());
    }

    @Test
    void backPressureFromTheLogFillsTheRingAndLosesNoCommand() throws Exception
    {
        final InMemoryCommandCluster cluster = new InMemoryCommandCluster();
        final InMemoryCommandCluster.Session session = cluster.open(0, 50);
        session.refuseOffers(true);
        final OrderMapStateMachine state = new OrderMapStateMachine();
        final CapturingListener listener = new CapturingListener();
        final EngineSettings settings = settings("gateway", JournalDurability.PAGE_CACHE);
        final EnginePipeline engine = start(settings, state, session, listener);

        final List<byte[]> script = CommandScript.generate(8, 3_000, 1);
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        int published = 0;
        while (tryPublish(engine, buffer, script.get(published)))
        {
            published++;
        }
        assertEquals(settings.commandRingSize(), published, "a log that takes nothing leaves the ring full");
        await().atMost(AWAIT).until(() -> session.offersRefused() > 0);
        assertFalse(tryPublish(engine, buffer, script.get(published)), "still full while the log refuses");
        assertEquals(0, listener.count(), "nothing is applied before the log commits it");

        session.refuseOffers(false);
        final byte[] next = script.get(published);
        await().atMost(AWAIT).alias("room in the ring once the log takes commands")
            .until(() -> tryPublish(engine, new UnsafeBuffer(0, 0), next));
        publishScript(engine, script.subList(published + 1, script.size()));
        engine.close();

        assertEquals(script.size(), listener.count());
        assertJournalHolds(settings, script);
        final OrderMapStateMachine expected = new OrderMapStateMachine();
        CommandScript.applyDirectly(expected, script, 0);
        assertEquals(expected.stateHash(), state.stateHash());
    }

    @Test
    void closeWaitsForEveryOfferedCommandToComeBackCommitted() throws Exception
    {
        final InMemoryCommandCluster cluster = new InMemoryCommandCluster();
        final InMemoryCommandCluster.Session session = cluster.open(0, 1); // one commit per duty cycle: a slow log
        final CapturingListener listener = new CapturingListener();
        final EngineSettings settings = settings("gateway", JournalDurability.PAGE_CACHE);
        final EnginePipeline engine = start(settings, new OrderMapStateMachine(), session, listener);

        publishScript(engine, CommandScript.generate(9, 3_000, 1));
        engine.close();

        assertEquals(3_000, listener.count());
        try (JournalReader reader = new JournalReader(settings.journalDirectory()))
        {
            assertEquals(2_999, reader.lastSequence());
        }
        assertTrue(session.isClosed(), "the engine closes its log");
        assertEquals(EngineState.CLOSED, engine.state());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, -1, 7})
    void aSequenceOutOfOrderFailsTheEngineAndNothingAfterItIsApplied(final long offset) throws Exception
    {
        final InMemoryCommandCluster cluster = new InMemoryCommandCluster();
        final InMemoryCommandCluster.Session session = cluster.open(0, 4);
        session.breakSequenceAt(50, offset);
        final CapturingListener listener = new CapturingListener();
        final EngineSettings settings = settings("gateway", JournalDurability.PAGE_CACHE);
        final EnginePipeline engine = start(settings, new OrderMapStateMachine(), session, listener);

        final String log = capturingStandardError(() ->
        {
            final List<byte[]> script = CommandScript.generate(10, 100, 1);
            final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
            for (final byte[] command : script)
            {
                if (EngineState.RUNNING != engine.state() || !tryPublish(engine, buffer, command))
                {
                    break;
                }
            }
            await().atMost(AWAIT).until(engine::state, s -> s == EngineState.FAILED);
            engine.close();
        });

        final String expected = "the command log delivered sequence " + (50 + offset) +
            " but the journal ends at 49 (expected 50)";
        assertTrue(log.contains("ALERT engine stopped accepting commands: " + expected), log);
        final EngineUnavailableException refusal = assertThrows(EngineUnavailableException.class,
            () -> publishScript(engine, CommandScript.generate(1, 1, 1)));
        assertTrue(refusal.getMessage().contains(expected), refusal.getMessage());
        final List<CapturingListener.Event> events = listener.events();
        assertEquals(50, events.size(), "the commands before the fault and none after");
        assertEquals(49, events.get(49).commandSequence());
        try (JournalReader reader = new JournalReader(settings.journalDirectory()))
        {
            assertEquals(49, reader.lastSequence());
        }
    }

    @Test
    void aLogThatThrowsFailsTheEngineWhichStillClosesPromptly() throws Exception
    {
        final InMemoryCommandCluster cluster = new InMemoryCommandCluster();
        final InMemoryCommandCluster.Session session = cluster.open(0, 4);
        final CapturingListener listener = new CapturingListener();
        final EnginePipeline engine =
            start(settings("gateway", JournalDurability.PAGE_CACHE), new OrderMapStateMachine(), session, listener);
        publishScript(engine, CommandScript.generate(16, 100, 1));
        listener.awaitCount(100, AWAIT);

        final String log = capturingStandardError(() ->
        {
            // Ten commands offered that the log will never deliver: close must not wait for them.
            session.holdCommits(true);
            publishScript(engine, CommandScript.generate(17, 10, 1));
            await().atMost(AWAIT).until(() -> session.offersTaken() == 110);
            session.failPolls(new IllegalStateException("connection to the cluster lost"));
            await().atMost(AWAIT).until(engine::state, s -> s == EngineState.FAILED);
            final long startNs = System.nanoTime();
            engine.close();
            assertTrue(System.nanoTime() - startNs < Duration.ofSeconds(5).toNanos(),
                "close does not wait for commands a failed log will never deliver");
        });

        assertTrue(log.contains("ALERT engine stopped accepting commands: the command log failed to deliver " +
            "committed commands"), log);
        assertEquals("connection to the cluster lost", engine.failureCause().getMessage());
        assertEquals(100, listener.count());
        assertTrue(session.isClosed());
        assertEquals(EngineState.CLOSED, engine.state());
    }

    @Test
    void aJournalFaultFailsTheEngineAndNothingAfterItIsApplied() throws Exception
    {
        final InMemoryCommandCluster cluster = new InMemoryCommandCluster();
        final EngineSettings settings = settings("gateway", JournalDurability.PAGE_CACHE);
        final ScriptedJournal journal = new ScriptedJournal(
            new ChronicleJournal(settings.journalDirectory(), JournalDurability.PAGE_CACHE), true).failAppendAt(50);
        final CapturingListener listener = new CapturingListener();
        final EnginePipeline engine = new EnginePipeline(
            settings, new OrderMapStateMachine(), journal, cluster.open(0, 6), List.of(listener));
        engines.add(engine);

        final String log = capturingStandardError(() ->
        {
            engine.start();
            final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
            for (final byte[] command : CommandScript.generate(18, 200, 1))
            {
                if (EngineState.RUNNING != engine.state() || !tryPublish(engine, buffer, command))
                {
                    break;
                }
            }
            await().atMost(AWAIT).until(engine::state, s -> s == EngineState.FAILED);
            engine.close();
        });

        assertTrue(log.contains("ALERT engine stopped accepting commands: journal append failed at sequence 50"), log);
        assertTrue(listener.count() <= 50, "no event of the batch whose append failed: " + listener.count());
        try (JournalReader reader = new JournalReader(settings.journalDirectory()))
        {
            assertEquals(listener.count() - 1, reader.lastSequence(), "events for the journaled commands, none after");
        }
    }

    @Test
    void recoversFromTheGatewaysJournalThenCatchesUpWithTheLogAndContinues() throws Exception
    {
        final InMemoryCommandCluster cluster = new InMemoryCommandCluster();
        final EngineSettings settings = settings("gateway", JournalDurability.PAGE_CACHE);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);

        final EnginePipeline first =
            start(settings, new OrderMapStateMachine(), cluster.open(0, 5), new CapturingListener());
        publishScript(first, CommandScript.generate(11, 300, 1));
        publishScript(first, List.of(encoded(buffer, new TestCommands().takeSnapshot(buffer, 1, 300))));
        publishScript(first, CommandScript.generate(12, 100, 1));
        first.close();
        final int journaledBeforeRestart = cluster.size();

        // While the gateway is down, the other gateway goes on trading.
        for (final byte[] command : CommandScript.generate(13, 150, 2))
        {
            cluster.appendFromAnotherGateway(command);
        }

        final OrderMapStateMachine recovered = new OrderMapStateMachine();
        final RecoveryResult recovery = EngineRecovery.recover(settings, recovered);
        assertEquals(300, recovery.snapshotSequence());
        assertEquals(journaledBeforeRestart - 1, recovery.lastSequence());

        final CapturingListener listener = new CapturingListener();
        final EnginePipeline second =
            start(settings, recovered, cluster.open(recovery.lastSequence() + 1, 5), listener);
        assertEquals(journaledBeforeRestart + 150 - 1, second.awaitLogCaughtUp(AWAIT));
        publishScript(second, CommandScript.generate(14, 200, 1));
        second.close();

        final List<byte[]> committed = cluster.committed();
        assertEquals(journaledBeforeRestart + 150 + 200, committed.size());
        assertEquals(150 + 200, listener.count(), "events for what the log delivered after the journal's end");
        assertEquals(journaledBeforeRestart, listener.events().get(0).commandSequence());
        assertJournalHolds(settings, committed);
        final OrderMapStateMachine expected = new OrderMapStateMachine();
        CommandScript.applyDirectly(expected, committed, 0);
        assertEquals(expected.stateHash(), recovered.stateHash());
    }

    @Test
    void anIdleEngineInLogModeLeavesTheCoreAlone() throws Exception
    {
        final InMemoryCommandCluster cluster = new InMemoryCommandCluster();
        final CapturingListener listener = new CapturingListener();
        final EnginePipeline engine = start(settings("gateway", JournalDurability.PAGE_CACHE),
            new OrderMapStateMachine(), cluster.open(0, 5), listener);
        publishScript(engine, CommandScript.generate(15, 10, 1));
        listener.awaitCount(10, AWAIT);

        // The duty cycle polls, so it never blocks; idle, it must spend its time parked (TIMED_WAITING).
        final Thread businessLogic = Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> "carbonx-business-logic".equals(thread.getName()))
            .findFirst()
            .orElseThrow();
        final int samples = 200;
        int running = 0;
        for (int i = 0; i < samples; i++)
        {
            if (Thread.State.RUNNABLE == businessLogic.getState())
            {
                running++;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertTrue(running < samples / 2, "idle business logic found running in " + running + " of " + samples);
    }

    @Test
    void awaitLogCaughtUpIsForLogModeOnly()
    {
        final EnginePipeline local = new EnginePipeline(
            settings("local", JournalDurability.PAGE_CACHE), new OrderMapStateMachine(), List.of());
        engines.add(local);
        local.start();
        assertThrows(IllegalStateException.class, () -> local.awaitLogCaughtUp(AWAIT));

        final EnginePipeline notStarted = new EnginePipeline(settings("gateway", JournalDurability.PAGE_CACHE),
            new OrderMapStateMachine(), new InMemoryCommandCluster().open(-1, 1), List.of());
        engines.add(notStarted);
        assertThrows(IllegalStateException.class, () -> notStarted.awaitLogCaughtUp(AWAIT));
    }

    private static StateMachine exchange()
    {
        return new ExchangeStateMachine(TestSettings.settings(HoldingLimits.unlimited()));
    }

    private static void publishWorkload(final EnginePipeline engine, final ExchangeWorkload workload, final int count)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
        for (int i = 0; i < count; i++)
        {
            engine.publish(buffer, 0, workload.next(buffer));
        }
    }

    private static boolean tryPublish(final EnginePipeline engine, final UnsafeBuffer buffer, final byte[] command)
    {
        buffer.wrap(command);
        return engine.tryPublish(buffer, 0, command.length);
    }

    private static byte[] encoded(final UnsafeBuffer buffer, final int length)
    {
        final byte[] command = new byte[length];
        buffer.getBytes(0, command);
        return command;
    }

    private static void assertSameEvents(
        final List<CapturingListener.Event> expected, final List<CapturingListener.Event> actual)
    {
        assertEquals(expected.size(), actual.size(), "event count");
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(expected.get(i).commandSequence(), actual.get(i).commandSequence(), "event " + i);
            assertArrayEquals(expected.get(i).bytes(), actual.get(i).bytes(), "event " + i);
        }
    }

    private static void assertJournalHolds(final EngineSettings settings, final List<byte[]> commands)
    {
        final List<byte[]> journaled = new ArrayList<>();
        try (JournalReader reader = new JournalReader(settings.journalDirectory()))
        {
            reader.read(-1, Long.MAX_VALUE, (sequence, buffer, offset, length) ->
            {
                assertEquals(journaled.size(), sequence);
                final byte[] command = new byte[length];
                buffer.getBytes(offset, command);
                journaled.add(command);
            });
        }
        assertEquals(commands.size(), journaled.size(), "journaled commands");
        for (int i = 0; i < commands.size(); i++)
        {
            assertArrayEquals(commands.get(i), journaled.get(i), "journaled command " + i);
        }
    }

    private EngineSettings settings(final String folder, final JournalDurability durability)
    {
        return EnginePipelineTest.settings(directory.resolve(folder), durability);
    }

    private EnginePipeline start(
        final EngineSettings settings,
        final StateMachine stateMachine,
        final InMemoryCommandCluster.Session log,
        final EngineEventListener listener)
    {
        final EnginePipeline engine = new EnginePipeline(settings, stateMachine, log, List.of(listener));
        engines.add(engine);
        engine.start();
        return engine;
    }
}
