package io.carbonx.engine.pipeline;

import io.carbonx.engine.core.StateMachine;
import io.carbonx.engine.journal.JournalDurability;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * The engine the crash test runs in a child JVM and kills. It recovers from its folder, reports
 * {@code RECOVERED <last sequence> <state hash>}, then in {@code run} mode starts the pipeline, reports {@code STARTED}
 * and publishes seeded commands from two threads until it is killed, writing an {@link OutcomeReport} line per event
 * as each leaves the engine, flushed at the end of every batch. In {@code recover} mode it exits after recovering.
 * <pre>
 *   CrashTestEngine FOLDER STATE_MACHINE_CLASS SEED DURABILITY SNAPSHOT_INTERVAL run|recover
 * </pre>
 */
public final class CrashTestEngine
{
    private static final int PRODUCERS = 2;
    private static final int COMMANDS_PER_PAUSE = 20;

    public static void main(final String[] args) throws Exception
    {
        final Path folder = Path.of(args[0]);
        final StateMachine stateMachine = StateMachines.newInstance(args[1]);
        final long seed = Long.parseLong(args[2]);
        final EngineSettings settings = EngineSettings.builder()
            .commandRingSize(4096)
            .eventRingSize(4096)
            .journalDurability(JournalDurability.valueOf(args[3]))
            .journalDirectory(folder.resolve("journal"))
            .snapshotDirectory(folder.resolve("snapshots"))
            .snapshotIntervalCommands(Long.parseLong(args[4]))
            .build();
        final boolean run = "run".equals(args[5]);

        final PrintStream out = new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, US_ASCII);
        final RecoveryResult recovered = EngineRecovery.recover(settings, stateMachine);
        out.println("RECOVERED " + recovered.lastSequence() + ' ' + recovered.stateHash());
        out.flush();
        if (!run)
        {
            return;
        }

        final EnginePipeline engine = new EnginePipeline(settings, stateMachine, List.of(new Reporter(out)));
        engine.start();
        if (recovered.lastSequence() < 0)
        {
            ExchangeWorkload.setUp(engine);
        }
        out.println("STARTED");
        out.flush();

        final Thread[] producers = new Thread[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++)
        {
            final int sourceId = p + 1;
            producers[p] =
                new Thread(() -> produce(engine, sourceId, new Random(seed * 31 + sourceId)), "producer-" + p);
            producers[p].start();
        }
        for (final Thread producer : producers)
        {
            producer.join();
        }
    }

    private static void produce(final EnginePipeline engine, final int sourceId, final Random random)
    {
        final ExchangeWorkload workload = new ExchangeWorkload(sourceId, random);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
        while (!Thread.currentThread().isInterrupted())
        {
            for (int i = 0; i < COMMANDS_PER_PAUSE; i++)
            {
                engine.publish(buffer, 0, workload.next(buffer));
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Writes one line per event as it leaves the engine; flushes at the end of each batch.
     */
    private static final class Reporter implements EngineEventListener
    {
        private final OutcomeReport report = new OutcomeReport();
        private final PrintStream out;

        Reporter(final PrintStream out)
        {
            this.out = out;
        }

        @Override
        public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long commandSequence)
        {
            out.append(report.line(buffer, offset, length, commandSequence)).append('\n');
        }

        @Override
        public void onEndOfBatch()
        {
            out.flush();
        }

        @Override
        public String roleName()
        {
            return "reporter";
        }
    }
}
