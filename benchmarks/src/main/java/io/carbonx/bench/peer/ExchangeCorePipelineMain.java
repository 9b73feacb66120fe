package io.carbonx.bench.peer;

import exchange.core2.core.common.api.ApiCommand;
import io.carbonx.bench.workload.CommandStream;
import io.carbonx.bench.workload.GeneratedWorkload;
import io.carbonx.bench.workload.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The peer's side of the pipeline benchmark, run in a JVM of its own by {@link ExchangeCorePipelineFork} because
 * exchange-core needs Disruptor 3.4. It generates the same stream from the same workload, size and seed as CarbonX's
 * side, measures it on {@link ExchangeCorePipeline} the same way (a fresh exchange per run, set-up and warm-up section
 * untimed, then from the first measured command published until the last measured command's result is out) and
 * prints one line per run and a {@code RESULT} line with the median.
 * <p>
 * Every run is checked against generation: no command refused, and exactly as many trades in the measured section as
 * CarbonX's reference market made; a run that diverges fails the program rather than report a figure.
 */
@Command(name = "pipeline-peer", mixinStandardHelpOptions = true,
    description = "Measures exchange-core's pipeline on a standard workload (needs Disruptor 3.4 on the classpath).")
public final class ExchangeCorePipelineMain implements Callable<Integer>
{
    static final String PEER = "exchange-core-0.5.3";

    @Option(names = "--workload", description = "LIMIT or MIX (default ${DEFAULT-VALUE})")
    private Workload workload = Workload.LIMIT;

    @Option(names = "--commands", description = "measured commands (default ${DEFAULT-VALUE})")
    private int commands = Workload.DEFAULT_COMMANDS;

    @Option(names = "--runs", description = "runs (default ${DEFAULT-VALUE})")
    private int runs = 5;

    @Option(names = "--seed", description = "workload seed (default ${DEFAULT-VALUE})")
    private long seed = 42;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new ExchangeCorePipelineMain()).setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        final GeneratedWorkload generated = workload.generate(commands, seed);
        final CommandStream stream = generated.stream();
        final ApiCommand[] apiCommands = ExchangeCoreCommands.of(stream);
        final long maxAccount = maxAccount(stream);
        final double[] opsPerSecond = new double[runs];
        for (int run = 0; run < runs; run++)
        {
            try (ExchangeCorePipeline pipeline = new ExchangeCorePipeline())
            {
                pipeline.setUp(maxAccount);
                for (int i = 0; i < stream.measuredStart(); i++)
                {
                    pipeline.publish(apiCommands[i]);
                }
                pipeline.awaitOrderResults(stream.measuredStart());
                final long tradesBefore = pipeline.trades();

                final long start = System.nanoTime();
                for (int i = stream.measuredStart(); i < stream.measuredEnd(); i++)
                {
                    pipeline.publish(apiCommands[i]);
                }
                pipeline.awaitOrderResults(stream.measuredEnd());
                final long elapsed = System.nanoTime() - start;

                opsPerSecond[run] = stream.measuredCount() * 1e9 / elapsed;
                final long trades = pipeline.trades() - tradesBefore;
                System.out.printf(Locale.ROOT, "# pipeline-peer workload=%s run=%d ops_per_s=%.0f trades=%d " +
                    "rejections=%d%n", workload, run, opsPerSecond[run], trades, pipeline.rejections());
                if (pipeline.rejections() != 0 || trades != generated.profile().trades())
                {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                        "exchange-core's pipeline diverged from generation on %s run %d: %d rejections, %d trades " +
                        "measured where generation saw %d", workload, run, pipeline.rejections(), trades,
                        generated.profile().trades()));
                }
            }
        }
        Arrays.sort(opsPerSecond);
        System.out.printf(Locale.ROOT,
            "RESULT bench=pipeline-peer workload=%s orders=%d runs=%d ops_per_s=%.0f peer=%s risk=on journal=off " +
            "wait=YIELDING%n", workload, stream.measuredCount(), runs, opsPerSecond[runs / 2], PEER);
        return 0;
    }

    static long maxAccount(final CommandStream stream)
    {
        long max = 0;
        for (int i = 0; i < stream.size(); i++)
        {
            max = Math.max(max, stream.accountId(i));
        }
        return max;
    }
}
