package io.carbonx.bench.peer;

import io.carbonx.bench.workload.GeneratedWorkload;
import io.carbonx.bench.workload.Workload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * exchange-core's whole pipeline, in the JVM of its own that the pipeline benchmark starts, sees the same market as
 * CarbonX: fed a small stream, it accepts every command and trades in the measured section exactly as often as the
 * reference market did during generation, run after run. No timing is asserted.
 */
class ExchangeCorePipelineForkTest
{
    private static final int COMMANDS = 20_000;
    private static final long SEED = 11;
    private static final int RUNS = 2;
    private static final Pattern RUN_LINE = Pattern.compile(
        "^# pipeline-peer workload=(\\w+) run=(\\d+) ops_per_s=\\d+ trades=(\\d+) rejections=(\\d+)$");

    @ParameterizedTest
    @EnumSource(Workload.class)
    void peerPipelineTradesAsGenerationSaw(final Workload workload) throws Exception
    {
        final GeneratedWorkload generated = workload.generate(COMMANDS, SEED);
        final ByteArrayOutputStream output = new ByteArrayOutputStream();

        final double opsPerSecond;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8))
        {
            opsPerSecond = ExchangeCorePipelineFork.run(workload, COMMANDS, SEED, RUNS, out);
        }

        assertTrue(opsPerSecond > 0, "a median was reported");
        final List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();
        int runs = 0;
        for (final String line : lines)
        {
            final Matcher run = RUN_LINE.matcher(line);
            if (run.matches())
            {
                assertEquals(workload.name(), run.group(1));
                assertEquals(runs, Integer.parseInt(run.group(2)));
                assertEquals(generated.profile().trades(), Long.parseLong(run.group(3)),
                    "measured trades equal those of the reference market: " + line);
                assertEquals(0, Long.parseLong(run.group(4)), "no command refused: " + line);
                runs++;
            }
        }
        assertEquals(RUNS, runs, String.join("\n", lines));
        assertTrue(generated.profile().trades() > 0, "the stream trades at all");
        assertTrue(lines.stream().anyMatch(line -> line.startsWith(
            "RESULT bench=pipeline-peer workload=" + workload + " orders=" + generated.stream().measuredCount() +
            " runs=" + RUNS + " ops_per_s=")), String.join("\n", lines));
    }
}
