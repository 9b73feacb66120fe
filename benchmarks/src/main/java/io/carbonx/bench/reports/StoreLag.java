package io.carbonx.bench.reports;

import io.carbonx.bench.workload.CommandStream;
import io.carbonx.bench.workload.ExchangeCommands;
import io.carbonx.bench.workload.Workload;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.pipeline.EngineEventListener;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.engine.pipeline.WaitStrategyType;
import io.carbonx.protocol.UserNames;
import io.carbonx.reports.store.AnalyticsFollower;
import io.carbonx.reports.store.AnalyticsStore;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import static io.carbonx.bench.workload.ExchangeCommands.STRIDE;

/**
 * The store's lag behind a loaded engine: the core pipeline of the pipeline benchmark, journal on, runs a LIMIT stream
 * as fast as it can while an {@link AnalyticsFollower} follows its journal live (as in the server). A sampler looks
 * every 0.5 ms at the engine's last applied command and the store's last committed one: the lag in commands is their
 * difference, the lag in time how long ago the engine applied the oldest command the store does not yet hold. After
 * the engine is done the sampler goes on until the store has everything ({@code catch_up_ms}).
 * <p>
 * Threads: the engine's, {@code carbonx-analytics}, and the calling thread, which publishes and then samples; the
 * sampled arrays are the calling thread's alone.
 */
final class StoreLag
{
    private static final long SAMPLE_NS = 500_000;
    private static final int MAX_SAMPLES = 4_000_000;

    private StoreLag()
    {
    }

    static void run(final Path work, final int commands, final long seed, final PrintStream out) throws IOException
    {
        Files.createDirectories(work);
        final CommandStream stream = Workload.LIMIT.generate(commands, seed).stream();
        final UnsafeBuffer encoded = new UnsafeBuffer(new byte[stream.size() * STRIDE]);
        final int[] lengths = ExchangeCommands.encodeAll(stream, encoded);
        final ExchangeSettings exchangeSettings = ExchangeCommands.settings(stream.size());
        final EngineSettings settings = EngineSettings.builder()
            .journalDirectory(work.resolve("journal"))
            .snapshotDirectory(work.resolve("snapshots"))
            .snapshotIntervalCommands(Long.MAX_VALUE)
            .commandWaitStrategy(WaitStrategyType.YIELDING)
            .eventWaitStrategy(WaitStrategyType.YIELDING)
            .commandRingSize(64 * 1024)
            .eventRingSize(128 * 1024)
            .build();
        final Progress progress = new Progress();
        final long[] sampleNs = new long[MAX_SAMPLES];
        final long[] engineAt = new long[MAX_SAMPLES];
        final long[] storeAt = new long[MAX_SAMPLES];
        int samples = 0;
        final long last;
        final long engineNs;
        final long startNs;
        final long engineEndNs;
        try (ChronicleJournal journal = new ChronicleJournal(settings.journalDirectory(), JournalDurability.PAGE_CACHE);
            EnginePipeline engine = new EnginePipeline(settings, new ExchangeStateMachine(exchangeSettings), journal,
                List.of(progress));
            AnalyticsStore store = AnalyticsStore.open(work.resolve("analytics").resolve("carbonx.duckdb"));
            AnalyticsFollower follower = new AnalyticsFollower(store, exchangeSettings, settings.journalDirectory(),
                null, UserNames.NONE))
        {
            engine.start();
            final long setUp = ExchangeCommands.setUp(engine::publish, ExchangeCommands.maxAccount(stream));
            progress.await(setUp - 1);
            follower.recover();
            follower.start();
            follower.awaitCommitted(setUp - 1, 60_000);
            last = setUp + stream.size() - 1;
            startNs = System.nanoTime();
            long nextSample = startNs;
            for (int i = 0; i < stream.size(); i++)
            {
                engine.publish(encoded, i * STRIDE, lengths[i]);
                if ((i & 255) == 0 && System.nanoTime() >= nextSample && samples < MAX_SAMPLES)
                {
                    sampleNs[samples] = System.nanoTime();
                    engineAt[samples] = progress.sequence;
                    storeAt[samples++] = follower.committedSequence();
                    nextSample += SAMPLE_NS;
                }
            }
            progress.await(last);
            engineEndNs = System.nanoTime();
            engineNs = engineEndNs - startNs;
            while (follower.committedSequence() < last && samples < MAX_SAMPLES)
            {
                sampleNs[samples] = System.nanoTime();
                engineAt[samples] = progress.sequence;
                storeAt[samples++] = follower.committedSequence();
                LockSupport.parkNanos(SAMPLE_NS);
            }
            follower.awaitCommitted(last, 600_000);
        }
        final long catchUpNs = System.nanoTime() - engineEndNs;
        final double[] lagCommands = new double[samples];
        final double[] lagMs = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            lagCommands[i] = Math.max(0, engineAt[i] - storeAt[i]);
            // the first sample at which the engine had applied a command the store did not hold yet
            final int first = firstAbove(engineAt, i, storeAt[i]);
            lagMs[i] = first > i ? 0 : (sampleNs[i] - sampleNs[first]) / 1e6;
        }
        Arrays.sort(lagCommands);
        Arrays.sort(lagMs);
        out.printf(Locale.ROOT, "RESULT bench=store-lag workload=LIMIT commands=%d engine_ops_per_s=%.0f samples=%d " +
            "max_lag_commands=%.0f p99_lag_commands=%.0f max_lag_ms=%.1f p99_lag_ms=%.1f catch_up_ms=%.1f%n",
            stream.size(), stream.size() * 1e9 / engineNs, samples, max(lagCommands), percentile(lagCommands, 0.99),
            max(lagMs), percentile(lagMs, 0.99), catchUpNs / 1e6);
    }

    /**
     * @return the first sample up to {@code upTo} at which the engine was past {@code sequence}, or upTo + 1.
     */
    private static int firstAbove(final long[] engineAt, final int upTo, final long sequence)
    {
        int low = 0;
        int high = upTo + 1;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (engineAt[mid] > sequence)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return low;
    }

    private static double max(final double[] sorted)
    {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    private static double percentile(final double[] sorted, final double fraction)
    {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int)(sorted.length * fraction))];
    }

    /**
     * The engine's last applied command, from its events. Written by the engine's event thread, read by the
     * benchmark's.
     */
    private static final class Progress implements EngineEventListener
    {
        private volatile long sequence = -1;

        @Override
        public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long commandSequence)
        {
            sequence = commandSequence;
        }

        void await(final long target)
        {
            while (sequence < target)
            {
                Thread.yield();
            }
        }

        @Override
        public String roleName()
        {
            return "lag-progress";
        }
    }
}
