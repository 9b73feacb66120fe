package io.carbonx.bench.wire;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short run of {@code benchmarks.jar wire} over real sockets with one session and with eight at a low rate, with a
 * search of one step: it finishes cleanly (every message answered, no refusal) and prints every RESULT line of the
 * output contract for each session count; and one through three cluster nodes, whose lines are named apart. The
 * figures themselves are not asserted beyond being numbers.
 */
class WireBenchmarkMainTest
{
    private static final String NUMBER = "\\d+(\\.\\d+)?";
    private static final String FIGURES = " p50_us=" + NUMBER + " p99_us=" + NUMBER + " p999_us=" + NUMBER +
        " max_us=" + NUMBER + " achieved=\\d+";

    @Test
    void shortRunWithOneAndEightSessionsPrintsEveryResultLine()
    {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8))
        {
            // 960 msg/s for 2 s: whole blocks of the flow for each of 8 sessions; the search runs 600 msg/s only
            exitCode = new CommandLine(new WireBenchmarkMain(out)).execute("--sessions=1,8", "--rates=960",
                "--runs=1", "--warmup=0.5", "--duration=1.5", "--prime=0", "--drain=10", "--search-from=600",
                "--search-to=800", "--bisections=0", "--min-achieved=0.5", "--p99-bound-us=60000000");
        }
        final List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals(0, exitCode, "every message answered without a refusal:\n" + String.join("\n", lines));
        assertPrinted(lines, "# wire: 1,8 FIX session\\(s\\) over loopback.* fixSessionThreads=1 " +
            "commandWaitStrategy=BACKOFF eventWaitStrategy=BACKOFF fixIoIdleStrategy=BLOCKING");
        for (final int sessions : List.of(1, 8))
        {
            assertPrinted(lines, "# wire run=1 sessions=" + sessions + " rate=960" + FIGURES +
                " refusals=0 missing=0 send_lag_p99_us=" + NUMBER);
            assertPrinted(lines, "RESULT bench=wire sessions=" + sessions + " rate=960" + FIGURES +
                " runs=1 refusals=0");
            // the FIX event loops are fix-session-N, or carbonx-fix-io-N since the session layer's rewrite
            for (final String thread : List.of("(fix-session|carbonx-fix-io)", "carbonx-business-logic"))
            {
                assertPrinted(lines, "RESULT bench=wire-alloc sessions=" + sessions + " rate=960 thread=" + thread +
                    " bytes_per_message=" + NUMBER);
            }
            assertPrinted(lines, "# wire-search sessions=" + sessions + " rate=600" + FIGURES +
                " send_lag_p99_us=" + NUMBER + " sustained=true");
            assertPrinted(lines, "RESULT bench=wire-max sessions=" + sessions + " rate=600" + FIGURES +
                " criterion=achieved>=0.50\\*rate,p99<=60000000us,no_refusals first_failed=none");
        }
        assertTrue(lines.stream().noneMatch(line -> line.contains("INVALID")), String.join("\n", lines));
    }

    @Test
    void throughTheClusterEveryMessageIsAnsweredUnderItsOwnBenchName()
    {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8))
        {
            exitCode = new CommandLine(new WireBenchmarkMain(out)).execute("--cluster", "--sessions=1",
                "--rates=960", "--runs=1", "--warmup=0.5", "--duration=1.5", "--prime=0", "--drain=10", "--no-search");
        }
        final List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals(0, exitCode, "every message answered without a refusal:\n" + String.join("\n", lines));
        assertPrinted(lines, "# wire-cluster: 1 FIX session\\(s\\) over loopback to a gateway of three cluster " +
            "nodes in this JVM.*");
        assertPrinted(lines, "RESULT bench=wire-cluster sessions=1 rate=960 p50_us=" + NUMBER + " p99_us=" + NUMBER +
            " p999_us=" + NUMBER + " max_us=" + NUMBER + " achieved=[1-9]\\d* runs=1 refusals=0");
        assertPrinted(lines, "RESULT bench=wire-cluster-alloc sessions=1 rate=960 thread=carbonx-business-logic " +
            "bytes_per_message=" + NUMBER);
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("RESULT bench=wire ") ||
            line.contains("INVALID")), String.join("\n", lines));
    }

    @Test
    void badSessionCountsAndThreadSettingsAreRefusedBeforeAnyRun()
    {
        assertRefused("--sessions must each be 1..1000, was 0", "--sessions=1,0");
        assertRefused("--sessions must each be 1..1000, was 1001", "--sessions=1001");
        assertRefused("server.threads.commandWaitStrategy: must be one of [BLOCKING, BACKOFF, SLEEPING, YIELDING, " +
            "BUSY_SPIN], was 'SPIN'", "--command-wait=SPIN");
        assertRefused("server.threads.fixSessionThreads: must be 1..64, was 0", "--fix-session-threads=0");
        assertRefused("server.threads.fixIoIdleStrategy: must be one of [BLOCKING, SPINNING], was 'SPIN'",
            "--fix-io-idle=SPIN");
        assertRefused("--rates must each be at least 1, were [0]", "--rates=0");
    }

    private static void assertRefused(final String message, final String... args)
    {
        final StringWriter errors = new StringWriter();
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8))
        {
            exitCode = new CommandLine(new WireBenchmarkMain(out)).setErr(new PrintWriter(errors)).execute(args);
        }
        assertEquals(2, exitCode, errors.toString());
        assertTrue(errors.toString().startsWith(message), errors.toString());
        assertEquals("", output.toString(StandardCharsets.UTF_8), "no run started");
    }

    private static void assertPrinted(final List<String> lines, final String regex)
    {
        final Pattern pattern = Pattern.compile(regex);
        assertTrue(lines.stream().anyMatch(line -> pattern.matcher(line).matches()),
            "a line matching " + regex + " in\n" + String.join("\n", lines));
    }
}
