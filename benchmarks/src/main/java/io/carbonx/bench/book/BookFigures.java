package io.carbonx.bench.book;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.Locale;

/**
 * The figures of one single-shot book benchmark run, per command: medians over all measured iterations of all forks,
 * as medians shrug off the iterations a busy machine spoils.
 *
 * @param opsPerSecond    measured commands per second.
 * @param nsPerOp         nanoseconds per measured command.
 * @param allocBytesPerOp bytes allocated per command processed, or NaN when run without the GC profiler.
 */
public record BookFigures(double opsPerSecond, double nsPerOp, double allocBytesPerOp)
{
    private static final String ALLOCATED_PER_ITERATION = "gc.alloc.rate.norm";

    /**
     * @param measuredCommands the commands one timed invocation processes.
     * @param commandsPerRound the commands one iteration processes in all, setup and teardown included: the GC
     *                         profiler counts the bytes of the whole iteration, so they are shared over all of them.
     */
    public static BookFigures of(final RunResult result, final int measuredCommands, final int commandsPerRound)
    {
        final Result<?> primary = result.getPrimaryResult();
        final double nanosPerInvocation = primary.getStatistics().getPercentile(50) * nanosPer(primary.getScoreUnit());
        final Result<?> allocated = result.getSecondaryResults().get(ALLOCATED_PER_ITERATION);
        final double bytesPerIteration = allocated == null ? Double.NaN : allocated.getStatistics().getPercentile(50);
        return new BookFigures(
            measuredCommands * 1e9 / nanosPerInvocation,
            nanosPerInvocation / measuredCommands,
            bytesPerIteration / commandsPerRound);
    }

    /**
     * @return the figures as {@code key=value} pairs for a RESULT line.
     */
    public String toResultFields()
    {
        return String.format(Locale.ROOT, "ops_per_s=%.0f ns_per_op=%.1f alloc_b_per_op=%s",
            opsPerSecond, nsPerOp, Double.isNaN(allocBytesPerOp) ? "n/a"
            : String.format(Locale.ROOT, "%.3f", allocBytesPerOp));
    }

    private static double nanosPer(final String scoreUnit)
    {
        switch (scoreUnit)
        {
            case "s/op":
                return 1e9;
            case "ms/op":
                return 1e6;
            case "us/op":
                return 1e3;
            case "ns/op":
                return 1;
            default:
                throw new IllegalArgumentException("expected a time per operation, got " + scoreUnit);
        }
    }
}
