package io.carbonx.bench.peer;

import io.carbonx.bench.workload.Workload;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@link ExchangeCorePipelineMain} in a JVM of its own and hands back its median. exchange-core 0.5.3 calls
 * Disruptor 3.4 methods that Disruptor 4, the project's, no longer has, so the peer's JVM puts the jars of
 * {@code peer-lib} (Disruptor 3.4.2 and the lz4 that exchange-core's API needs; Maven copies them next to the
 * benchmarks jar) ahead of this JVM's classpath: the JVM loads a class from the first entry that has it, so every
 * Disruptor class comes from 3.4.2 and everything else, the workload generators included, from the same jar or
 * classes as CarbonX's side. The child gets the same maximum heap as this JVM.
 * <p>
 * Used by the benchmark's driver thread; the child's output is copied, line by line, to the given stream.
 */
public final class ExchangeCorePipelineFork
{
    /**
     * The folder, next to the benchmarks jar (or the classes folder in a build), that holds the peer's own jars.
     */
    public static final String PEER_LIB = "peer-lib";

    /**
     * What the executable jar's manifest grants Agrona and Chronicle, which a JVM started with {@code -cp} must be
     * given on its command line.
     */
    private static final List<String> JDK_ACCESS = List.of(
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED");

    private static final Pattern RESULT =
        Pattern.compile("^RESULT bench=pipeline-peer .*\\bops_per_s=([0-9.]+)\\b.*$");

    private ExchangeCorePipelineFork()
    {
    }

    /**
     * Measure the peer on the workload generated from {@code commands} and {@code seed}, over {@code runs} runs.
     *
     * @return the median operations per second the child reported.
     * @throws IllegalStateException if the peer's jars are missing, or the child failed or printed no result.
     */
    public static double run(
        final Workload workload, final int commands, final long seed, final int runs, final PrintStream out)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JDK_ACCESS);
        command.add("-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m");
        command.add("-Dchronicle.analytics.disable=true");
        // exchange-core logs each start and shutdown at INFO; only its warnings belong in the benchmark's output.
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(classpath());
        command.add(ExchangeCorePipelineMain.class.getName());
        command.add("--workload=" + workload);
        command.add("--commands=" + commands);
        command.add("--seed=" + seed);
        command.add("--runs=" + runs);

        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // A benchmark stopped with Ctrl-C must not leave the peer's busy threads running on.
        final Thread stopChild = new Thread(process::destroyForcibly, "stop-peer-jvm");
        Runtime.getRuntime().addShutdownHook(stopChild);
        double opsPerSecond = Double.NaN;
        final int exitCode;
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            for (String line = lines.readLine(); line != null; line = lines.readLine())
            {
                out.println(line);
                final Matcher result = RESULT.matcher(line);
                if (result.matches())
                {
                    opsPerSecond = Double.parseDouble(result.group(1));
                }
            }
            exitCode = process.waitFor();
        }
        finally
        {
            process.destroyForcibly();
            removeHook(stopChild);
        }
        if (exitCode != 0 || Double.isNaN(opsPerSecond))
        {
            throw new IllegalStateException("the peer's benchmark JVM failed (exit code " + exitCode + ")");
        }
        return opsPerSecond;
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is already shutting down, and the hook stops the child anyway.
        }
    }

    /**
     * @return the peer's jars, then this JVM's classpath.
     */
    static String classpath() throws IOException
    {
        final Path peerLib = peerLib();
        if (!Files.isDirectory(peerLib))
        {
            throw new IllegalStateException("the peer's jars are not at " + peerLib +
                "; build the benchmarks module with Maven (package), which copies them there");
        }
        final StringBuilder classpath = new StringBuilder();
        try (Stream<Path> jars = Files.list(peerLib))
        {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted()
                .forEach(jar -> classpath.append(jar).append(File.pathSeparator));
        }
        return classpath.append(System.getProperty("java.class.path")).toString();
    }

    private static Path peerLib()
    {
        try
        {
            final Path codeSource = Path.of(
                ExchangeCorePipelineFork.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return codeSource.toAbsolutePath().getParent().resolve(PEER_LIB);
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException("cannot locate the benchmarks jar", ex);
        }
    }
}
