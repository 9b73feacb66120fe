package io.carbonx.bench.pipeline;

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
 * A small run of {@code benchmarks.jar pipeline}, journal off and on, with the peer: it finishes and prints every
 * RESULT line of the output contract, including the bytes per command of the business-logic thread and the ratio to
 * the peer; and runs through three cluster nodes (snapshotting under load) and through one, which must agree with the
 * gateway at the end and print their snapshot figures. The figures themselves are not asserted beyond being numbers
 * (positive for the cluster's throughput).
 */
class PipelineBenchmarkMainTest
{
    private static final String NUMBER = "\\d+(\\.\\d+)?";

    @Test
    void smallRunPrintsEveryResultLine()
    {
        final Run run = run("--commands=10000", "--runs=1", "--journal=off,on", "--seed=5");
        final List<String> lines = run.lines();

        assertEquals(0, run.exitCode(), String.join("\n", lines));
        for (final String journal : List.of("off", "on"))
        {
            assertPrinted(lines, "RESULT bench=pipeline workload=LIMIT orders=10000 journal=" + journal +
                " wait=YIELDING runs=1 ops_per_s=" + NUMBER);
            assertPrinted(lines, "RESULT bench=pipeline-alloc workload=LIMIT journal=" + journal +
                " thread=carbonx-business-logic bytes_per_command=" + NUMBER);
            assertPrinted(lines, "RESULT bench=pipeline-cpu workload=LIMIT journal=" + journal +
                " thread=carbonx-business-logic cpu_ns_per_command=[1-9]\\d*(\\.\\d+)?");
        }
        assertPrinted(lines, "RESULT bench=pipeline-peer workload=LIMIT orders=10000 runs=1 ops_per_s=" + NUMBER +
            " peer=exchange-core-0.5.3 .*");
        assertPrinted(lines, "RESULT bench=pipeline-vs-peer workload=LIMIT journal=off ratio=" + NUMBER);
    }

    @Test
    void withoutThePeerThereIsNoRatio()
    {
        final Run run = run("--commands=5000", "--runs=1", "--journal=off", "--no-peer");
        final List<String> lines = run.lines();

        assertEquals(0, run.exitCode(), String.join("\n", lines));
        assertPrinted(lines, "RESULT bench=pipeline workload=LIMIT orders=5000 journal=off .*");
        assertTrue(lines.stream().noneMatch(line -> line.contains("bench=pipeline-peer") ||
            line.contains("bench=pipeline-vs-peer")), String.join("\n", lines));
    }

    @Test
    void throughTheClusterEveryCommandIsCommittedAndTheNodesAgree()
    {
        final Run run = run("--commands=5000", "--runs=1", "--journal=cluster", "--no-peer", "--seed=7",
            "--cluster-snapshot-interval=2000");
        final List<String> lines = run.lines();

        // exit code 0: the run waited for every command's events and the three nodes ended on the gateway's state hash
        assertEquals(0, run.exitCode(), String.join("\n", lines));
        assertPrinted(lines, "RESULT bench=pipeline workload=LIMIT orders=5000 journal=cluster wait=BACKOFF runs=1 " +
            "ops_per_s=[1-9]\\d*");
        assertPrinted(lines, "RESULT bench=pipeline-alloc workload=LIMIT journal=cluster " +
            "thread=carbonx-business-logic bytes_per_command=" + NUMBER);
        // at least the two snapshots of the measured 5000 commands, then the one taken with the load over
        assertPrinted(lines, "RESULT bench=pipeline-cluster-snapshot workload=LIMIT orders=5000 members=3 " +
            "interval=2000 runs=1 snapshots=[2-9]\\d* max_snapshot_ms=" + NUMBER + " max_event_gap_ms=" + NUMBER +
            " final_snapshot_bytes=[1-9]\\d* quiet_snapshot_ms=" + NUMBER);
    }

    @Test
    void aClusterOfOneNodeToo()
    {
        final Run run = run("--commands=2000", "--runs=1", "--journal=cluster", "--no-peer", "--cluster-members=1");
        final List<String> lines = run.lines();

        assertEquals(0, run.exitCode(), String.join("\n", lines));
        assertPrinted(lines, "RESULT bench=pipeline-cluster-snapshot workload=LIMIT orders=2000 members=1 " +
            "interval=1000000 runs=1 snapshots=0 .* quiet_snapshot_ms=" + NUMBER);
    }

    @Test
    void aClusterOfTwoIsRefused()
    {
        final StringWriter errors = new StringWriter();
        final int exitCode = new CommandLine(new PipelineBenchmarkMain(new PrintStream(new ByteArrayOutputStream())))
            .setErr(new PrintWriter(errors)).execute("--journal=cluster", "--cluster-members=2");
        assertEquals(2, exitCode, errors.toString());
        assertTrue(errors.toString().startsWith("--cluster-members takes 1 or 3, was 2"), errors.toString());
    }

    @Test
    void ringSizesAndTheListenersWaitAreSettings()
    {
        final Run run = run("--commands=5000", "--runs=1", "--journal=on", "--no-peer", "--command-ring=1024",
            "--event-ring=2048", "--event-wait=BLOCKING");
        assertEquals(0, run.exitCode(), String.join("\n", run.lines()));
        assertPrinted(run.lines(), "RESULT bench=pipeline workload=LIMIT orders=5000 journal=on .*");

        final StringWriter errors = new StringWriter();
        final int exitCode = new CommandLine(new PipelineBenchmarkMain(new PrintStream(new ByteArrayOutputStream())))
            .setErr(new PrintWriter(errors)).execute("--event-ring=3000");
        assertEquals(2, exitCode, errors.toString());
        assertTrue(errors.toString().startsWith("--command-ring and --event-ring take a power of two, was 3000"),
            errors.toString());
    }

    @Test
    void anUnknownJournalSettingIsRefused()
    {
        final StringWriter errors = new StringWriter();
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8))
        {
            exitCode = new CommandLine(new PipelineBenchmarkMain(out)).setErr(new PrintWriter(errors))
                .execute("--commands=5000", "--runs=1", "--journal=off,raft", "--no-peer");
        }
        assertEquals(2, exitCode, errors.toString());
        assertTrue(errors.toString().startsWith("--journal takes [off, on, cluster], was [off, raft]"),
            errors.toString());
        assertEquals("", output.toString(StandardCharsets.UTF_8), "no run started");
    }

    private static Run run(final String... arguments)
    {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8))
        {
            exitCode = new CommandLine(new PipelineBenchmarkMain(out)).execute(arguments);
        }
        return new Run(exitCode, output.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private record Run(int exitCode, List<String> lines)
    {
    }

    private static void assertPrinted(final List<String> lines, final String regex)
    {
        final Pattern pattern = Pattern.compile(regex);
        assertTrue(lines.stream().anyMatch(line -> pattern.matcher(line).matches()),
            "a line matching " + regex + " in\n" + String.join("\n", lines));
    }
}
