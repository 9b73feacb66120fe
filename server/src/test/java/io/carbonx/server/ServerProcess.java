package io.carbonx.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code carbonx-server} in a child JVM, started from the test's class path (the shaded jar is built after the tests),
 * with its standard output and error collected line by line and, if asked, appended to a log file that can follow one
 * data folder's server across restarts. A child JVM of its own, so that SIGKILL leaves nothing of it but its files.
 * <p>
 * Threads: one reader thread per stream appends to {@link Output} and the log; the test thread reads them.
 */
public final class ServerProcess implements AutoCloseable
{
    /** How long a child JVM may take to start, answer or stop on a busy machine. */
    public static final long DEADLINE_MS = 180_000;
    /** The start of the line the server prints once it listens ("carbonx-server: ready. FIX 4.4 on port ..."). */
    public static final String READY = "carbonx-server: ready";
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
    private final Output out = new Output();
    private final Output err = new Output();

    private ServerProcess(final Process process, final Path log)
    {
        this.process = process;
        read(process.getInputStream(), out, "stdout", log);
        read(process.getErrorStream(), err, "stderr", log);
    }

    /**
     * @param workingFolder the child's current folder: the default {@code ./data} is under it.
     */
    public static ServerProcess start(final Path workingFolder, final String... args) throws IOException
    {
        return new ServerProcess(new ProcessBuilder(command(args)).directory(workingFolder.toFile()).start(), null);
    }

    /**
     * Start with both output streams also appended to {@code log}, after a line naming this start.
     *
     * @param label names this start in the log, e.g. the kill round.
     */
    public static ServerProcess start(final Path workingFolder, final Path log, final String label,
        final String... args) throws IOException
    {
        final Process process = new ProcessBuilder(command(args)).directory(workingFolder.toFile()).start();
        append(log, "---- server " + label + " (pid " + process.pid() + ")");
        return new ServerProcess(process, log);
    }

    private static List<String> command(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CarbonxServer.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The JDK-internals flags STACK.md lists, as Surefire gave them to this JVM (one list in the parent pom), or
     * STACK.md's list; then a small, quiet JVM: the machine is shared, and nothing here is about speed.
     */
    private static List<String> jvmFlags()
    {
        final List<String> flags = new ArrayList<>();
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access") ||
                argument.startsWith("--sun-misc-unsafe-memory-access") || argument.startsWith("-Dchronicle."))
            {
                flags.add(argument);
            }
        }
        if (flags.stream().noneMatch(flag -> flag.startsWith("--add-")))
        {
            flags.addAll(STACK_FLAGS);
        }
        flags.add("-Dchronicle.analytics.disable=true");
        flags.add("-XX:TieredStopAtLevel=1"); // starts faster
        flags.add("-XX:+UseSerialGC");
        flags.add("-Xmx512m");
        return flags;
    }

    public long pid()
    {
        return process.pid();
    }

    public Output out()
    {
        return out;
    }

    public Output err()
    {
        return err;
    }

    /**
     * @return the first standard output line containing {@code text}, once it is there.
     */
    public String awaitOut(final String text)
    {
        return out.await(text, DEADLINE_MS, this);
    }

    /**
     * @return the first standard error line containing {@code text}, once it is there: the streams are read by threads
     *     of their own, so a line printed before the ready line may still be on its way when that one is seen.
     */
    public String awaitErr(final String text)
    {
        return err.await(text, DEADLINE_MS, this);
    }

    /**
     * @return the ready line.
     * @throws AssertionError with the end of the server's output when it exits or is not ready within {@code millis}.
     */
    public String awaitReady(final long millis)
    {
        return out.await(READY, millis, this);
    }

    /**
     * @return the last lines of standard output and of standard error, for a failure message.
     */
    public String tail()
    {
        return "stdout (end):\n" + out.tail() + "\nstderr (end):\n" + err.tail();
    }

    /**
     * SIGKILL ({@link Process#destroyForcibly()} on Linux), and wait until the process is gone (its sockets closed,
     * its files as the kernel has them).
     *
     * @return the exit status.
     */
    public int kill() throws InterruptedException
    {
        process.destroyForcibly();
        return awaitExit();
    }

    /**
     * Send SIGTERM and wait for the exit. {@link ProcessHandle#destroy()} sends the same SIGTERM as
     * {@link Process#destroy()} on Linux, without closing the streams the last lines are still coming through.
     *
     * @return the exit status.
     */
    public int terminate() throws InterruptedException
    {
        assertTrue(process.toHandle().destroy(), "SIGTERM could not be sent");
        return awaitExit();
    }

    /**
     * Send SIGINT, as Ctrl-C does, and wait for the exit.
     *
     * @return the exit status.
     */
    public int interrupt() throws InterruptedException, IOException
    {
        final Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(DEADLINE_MS, TimeUnit.MILLISECONDS) && kill.exitValue() == 0, "kill -INT failed");
        return awaitExit();
    }

    /**
     * @return the exit status, once the process has ended and its output has been read.
     */
    public int awaitExit() throws InterruptedException
    {
        if (!process.waitFor(DEADLINE_MS, TimeUnit.MILLISECONDS))
        {
            process.destroyForcibly();
            fail("carbonx-server did not exit\nstdout:\n" + out + "\nstderr:\n" + err);
        }
        out.awaitEnd();
        err.awaitEnd();
        return process.exitValue();
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * SIGKILL if still running, and wait a while for the end, so that the next test finds its ports and files free.
     */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
            try
            {
                process.waitFor(DEADLINE_MS, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void read(final InputStream stream, final Output output, final String name, final Path log)
    {
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)))
            {
                for (String line; (line = lines.readLine()) != null; )
                {
                    output.add(line);
                    if (log != null)
                    {
                        append(log, line);
                    }
                }
            }
            catch (final IOException ex)
            {
                output.add("(" + name + " unreadable: " + ex + ")");
            }
            finally
            {
                output.end();
            }
        }, "carbonx-server-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * One line at a time, opened and closed each time: the two reader threads share the file without a writer to
     * close, and a line is in it even if the server is killed right after printing it.
     */
    private static synchronized void append(final Path log, final String line)
    {
        try
        {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot append to " + log, ex);
        }
    }

    /**
     * The lines of one stream so far.
     */
    public static final class Output
    {
        private final List<String> lines = new ArrayList<>();
        private boolean ended;

        synchronized void add(final String line)
        {
            lines.add(line);
            notifyAll();
        }

        synchronized void end()
        {
            ended = true;
            notifyAll();
        }

        synchronized String await(final String text, final long millis, final ServerProcess process)
        {
            final long deadline = System.currentTimeMillis() + millis;
            while (true)
            {
                for (final String line : lines)
                {
                    if (line.contains(text))
                    {
                        return line;
                    }
                }
                final long left = deadline - System.currentTimeMillis();
                if (ended || left <= 0)
                {
                    fail("no line with '" + text + "'" +
                        (ended ? " before the stream ended" : " within " + millis + " ms") +
                        "\nstdout:\n" + process.out + "\nstderr:\n" + process.err);
                }
                waitAtMost(left);
            }
        }

        synchronized void awaitEnd()
        {
            final long deadline = System.currentTimeMillis() + DEADLINE_MS;
            while (!ended && System.currentTimeMillis() < deadline)
            {
                waitAtMost(deadline - System.currentTimeMillis());
            }
        }

        public synchronized List<String> lines()
        {
            return List.copyOf(lines);
        }

        synchronized String tail()
        {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        }

        private void waitAtMost(final long millis)
        {
            try
            {
                wait(Math.max(1, millis));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }

        @Override
        public synchronized String toString()
        {
            return String.join("\n", lines);
        }
    }
}
