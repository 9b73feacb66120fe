package io.carbonx.bench.workload;

/**
 * The standard workloads of BENCHMARK.md that run on one order book.
 */
public enum Workload
{
    /**
     * GTC limit orders around a fixed mid from many accounts; the book grows as the stream runs.
     */
    LIMIT
    {
        @Override
        public GeneratedWorkload generate(final int commands, final long seed)
        {
            return LimitWorkloadGenerator.generate(commands, seed);
        }
    },

    /**
     * exchange-core's mix of GTC, IOC, cancel and amend on a book held near 1,000 resting orders.
     */
    MIX
    {
        @Override
        public GeneratedWorkload generate(final int commands, final long seed)
        {
            return MixWorkloadGenerator.generate(commands, seed);
        }
    };

    public static final int DEFAULT_COMMANDS = 3_000_000;

    /**
     * Generate the workload deterministically: the same arguments give the same stream on every JVM.
     *
     * @param commands how many commands the measured section holds.
     */
    public abstract GeneratedWorkload generate(int commands, long seed);
}
