package io.carbonx.bench.logic;

import io.carbonx.bench.workload.CommandStream;
import io.carbonx.bench.workload.ExchangeCommands;
import io.carbonx.bench.workload.Workload;
import io.carbonx.engine.core.ExchangeStateMachine;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import static io.carbonx.bench.workload.ExchangeCommands.STRIDE;

/**
 * The business logic alone: a workload's pre-encoded commands (the pipeline benchmark's, same accounts and funding)
 * applied straight to {@link ExchangeStateMachine#apply} on the calling thread, with a sink that only counts the
 * events. No rings, no journal, no other thread: what one command costs the business-logic thread (reservation,
 * matching, settlement, event encoding), and what it allocates, for profiling that code on its own.
 * <p>
 * Each run uses a fresh state machine; the warm-up section is applied untimed, the measured section timed, and the
 * bytes the thread allocated during it are read from HotSpot's per-thread counter, as is its CPU time, which a
 * shared machine distorts less than the wall clock. The drain section then empties the
 * book and the state hash is printed, so that a change to the business logic can be checked against the same
 * stream's hash before it.
 */
@Command(name = "logic", mixinStandardHelpOptions = true,
    description = "Measures the business logic alone: pre-encoded commands applied to the state machine, one thread.")
public final class LogicBenchmarkMain implements Callable<Integer>
{
    @Option(names = "--workload", description = "LIMIT or MIX (default ${DEFAULT-VALUE})")
    private Workload workload = Workload.LIMIT;

    @Option(names = "--commands", description = "measured commands (default ${DEFAULT-VALUE})")
    private int commands = Workload.DEFAULT_COMMANDS;

    @Option(names = "--runs", description = "runs, each on a fresh state machine (default ${DEFAULT-VALUE})")
    private int runs = 5;

    @Option(names = "--seed", description = "workload seed (default ${DEFAULT-VALUE})")
    private long seed = 42;

    @Option(names = "--digest-events",
        description = "also digest every event's bytes, to check that a change leaves the output as it was")
    private boolean digestEvents;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Override
    public Integer call()
    {
        final CommandStream stream = workload.generate(commands, seed).stream();
        final UnsafeBuffer encoded = new UnsafeBuffer(new byte[stream.size() * STRIDE]);
        final int[] lengths = ExchangeCommands.encodeAll(stream, encoded);
        final long maxAccount = ExchangeCommands.maxAccount(stream);

        final double[] nanosPerCommand = new double[runs];
        final double[] cpuNanosPerCommand = new double[runs];
        final double[] bytesPerCommand = new double[runs];
        for (int run = 0; run < runs; run++)
        {
            final ExchangeStateMachine machine = ExchangeCommands.newStateMachine(stream.size());
            final CountingEventSink sink = new CountingEventSink(digestEvents);
            final long[] next = {0};
            ExchangeCommands.setUp((command, offset, length) -> machine.apply(next[0]++, command, offset, length, sink),
                maxAccount);
            long sequence = next[0];
            for (int i = 0; i < stream.measuredStart(); i++)
            {
                machine.apply(sequence++, encoded, i * STRIDE, lengths[i], sink);
            }

            final long eventsBefore = sink.events();
            final long bytesBefore = threads.getCurrentThreadAllocatedBytes();
            final long cpuStart = threads.getCurrentThreadCpuTime();
            final long start = System.nanoTime();
            for (int i = stream.measuredStart(); i < stream.measuredEnd(); i++)
            {
                machine.apply(sequence++, encoded, i * STRIDE, lengths[i], sink);
            }
            final long elapsed = System.nanoTime() - start;
            final long cpuElapsed = threads.getCurrentThreadCpuTime() - cpuStart;
            final long allocated = threads.getCurrentThreadAllocatedBytes() - bytesBefore;
            final long measuredEvents = sink.events() - eventsBefore;

            for (int i = stream.measuredEnd(); i < stream.size(); i++)
            {
                machine.apply(sequence++, encoded, i * STRIDE, lengths[i], sink);
            }

            nanosPerCommand[run] = (double)elapsed / stream.measuredCount();
            cpuNanosPerCommand[run] = (double)cpuElapsed / stream.measuredCount();
            bytesPerCommand[run] = (double)allocated / stream.measuredCount();
            System.out.printf(Locale.ROOT,
                "# logic workload=%s run=%d ns_per_command=%.1f cpu_ns_per_command=%.1f bytes_per_command=%.2f " +
                "events_per_command=%.2f state_hash=%016x%s%n",
                workload, run, nanosPerCommand[run], cpuNanosPerCommand[run], bytesPerCommand[run],
                (double)measuredEvents / stream.measuredCount(), machine.stateHash(),
                digestEvents ? String.format(" event_digest=%016x", sink.digest()) : "");
        }
        Arrays.sort(nanosPerCommand);
        Arrays.sort(cpuNanosPerCommand);
        Arrays.sort(bytesPerCommand);
        System.out.printf(Locale.ROOT,
            "RESULT bench=logic workload=%s orders=%d runs=%d ns_per_command=%.1f ops_per_s=%.0f " +
            "cpu_ns_per_command=%.1f bytes_per_command=%.2f%n",
            workload, stream.measuredCount(), runs, nanosPerCommand[runs / 2], 1e9 / nanosPerCommand[runs / 2],
            cpuNanosPerCommand[runs / 2], bytesPerCommand[runs / 2]);
        return 0;
    }
}
