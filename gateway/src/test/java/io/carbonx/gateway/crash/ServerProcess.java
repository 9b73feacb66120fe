package io.carbonx.gateway.crash;

import io.carbonx.gateway.server.CarbonxServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real server, {@link CarbonxServer} on its embedded demo configuration, in a child JVM of its own, so that it can
 * be killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) and nothing of it survives but its files.
 * <p>
 * Its output goes to a log file (appended to across restarts) and is read by one thread per process, which also
 * watches for the {@code ready} line. Used by the test thread; the reader thread writes only the log and the latch.
 */
final class ServerProcess implements AutoCloseable
{
    /** The start of the line the server prints once it listens ("carbonx-server: ready. FIX 4.4 on port ..."). */
    private static final String READY = "carbonx-server: ready";
    private static final int TAIL_LINES = 40;
    /** The flags of STACK.md, for a test JVM that was not started with them (an IDE without Surefire's argLine). */
    private static final List<String> STACK_FLAGS = List.of(
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED");

    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile String readyLine;

    private ServerProcess(final Process process, final Path log, final String label)
    {
        this.process = process;
        final Thread reader = new Thread(() -> drain(log, label), "server-output-" + label);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Start the server on a data folder and fixed ports; it recovers whatever the folder holds.
     *
     * @param label names this process in the log, e.g. the kill round.
     */
    static ServerProcess start(final Path data, final int fixPort, final int httpPort, final Path log, final String label)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-Dchronicle.analytics.disable=true");
        // a small, quiet JVM: the machine is shared, and the test measures correctness, not speed
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CarbonxServer.class.getName());
        command.add("--data");
        command.add(data.toString());
        command.add("--fix-port");
        command.add(Integer.toString(fixPort));
        command.add("--http-port");
        command.add(Integer.toString(httpPort));
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new ServerProcess(process, log, label);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start the server JVM: " + command, ex);
        }
    }

    /**
     * The JVM flags this test JVM was given for Agrona and Chronicle (Surefire's argLine, one list in the parent pom),
     * or STACK.md's list.
     */
    private static List<String> jvmFlags()
    {
        final List<String> flags = new ArrayList<>();
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-exports") || argument.startsWith("--add-opens") ||
                argument.startsWith("--enable-native-access") || argument.startsWith("--sun-misc-unsafe-memory-access"))
            {
                flags.add(argument);
            }
        }
        return flags.isEmpty() ? STACK_FLAGS : flags;
    }

    private void drain(final Path log, final String label)
    {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND))
        {
            out.write("---- server " + label + " (pid " + process.pid() + ")\n");
            out.flush();
            String line;
            while ((line = lines.readLine()) != null)
            {
                out.write(line);
                out.write('\n');
                out.flush();
                synchronized (tail)
                {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES)
                    {
                        tail.removeFirst();
                    }
                }
                if (line.startsWith(READY))
                {
                    readyLine = line;
                    ready.countDown();
                }
            }
        }
        catch (final IOException ex)
        {
            // the process ended and its pipe with it; the test sees that through the process
        }
    }

    /**
     * @return the ready line.
     * @throws AssertionError with the end of the server's output when it exits or is not ready in time.
     */
    String awaitReady(final long millis) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + millis;
        while (!ready.await(100, TimeUnit.MILLISECONDS))
        {
            if (!process.isAlive())
            {
                // let the reader take the last lines
                ready.await(2, TimeUnit.SECONDS);
                if (readyLine == null)
                {
                    throw new AssertionError("the server exited with status " + process.exitValue() +
                        " before it was ready:\n" + tail());
                }
            }
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("the server was not ready within " + millis + " ms:\n" + tail());
            }
        }
        return readyLine;
    }

    String tail()
    {
        synchronized (tail)
        {
            return String.join("\n", tail);
        }
    }

    long pid()
    {
        return process.pid();
    }

    /**
     * SIGKILL, and wait until the process is gone (its sockets closed, its files as the kernel has them).
     */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            throw new AssertionError("the server (pid " + process.pid() + ") did not die within 60 s of SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        if (process.isAlive())
        {
            kill();
        }
    }
}
