package io.carbonx.gateway.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code carbonx-server} in a child JVM, started from the test's class path (the shaded jar is built after the tests),
 * with its standard output and error collected line by line.
 * <p>
 * Threads: one reader thread per stream appends to {@link Output}; the test thread reads it.
 */
final class ServerProcess implements AutoCloseable
{
    /** How long a child JVM may take to start, answer or stop on a busy machine. */
    static final long DEADLINE_MS = 180_000;

    private final Process process;
    private final Output out = new Output();
    private final Output err = new Output();

    private ServerProcess(final Process process)
    {
        this.process = process;
        read(process.getInputStream(), out, "stdout");
        read(process.getErrorStream(), err, "stderr");
    }

    /**
     * @param workingFolder the child's current folder: the default {@code ./data} is under it.
     */
    static ServerProcess start(final Path workingFolder, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CarbonxServer.class.getName());
        command.addAll(List.of(args));
        return new ServerProcess(new ProcessBuilder(command).directory(workingFolder.toFile()).start());
    }

    /**
     * The JDK-internals flags STACK.md lists, as Surefire gave them to this JVM.
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
        flags.add("-Dchronicle.analytics.disable=true");
        flags.add("-XX:TieredStopAtLevel=1"); // starts faster; nothing here is about speed
        return flags;
    }

    long pid()
    {
        return process.pid();
    }

    Output out()
    {
        return out;
    }

    Output err()
    {
        return err;
    }

    /**
     * @return the first standard output line containing {@code text}, once it is there.
     */
    String awaitOut(final String text)
    {
        return out.await(text, this);
    }

    /**
     * Send SIGTERM and wait for the exit. {@link ProcessHandle#destroy()} sends the same SIGTERM as
     * {@link Process#destroy()} on Linux, without closing the streams the last lines are still coming through.
     *
     * @return the exit status.
     */
    int terminate() throws InterruptedException
    {
        assertTrue(process.toHandle().destroy(), "SIGTERM could not be sent");
        return awaitExit();
    }

    /**
     * Send SIGINT, as Ctrl-C does, and wait for the exit.
     *
     * @return the exit status.
     */
    int interrupt() throws InterruptedException, IOException
    {
        final Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(DEADLINE_MS, TimeUnit.MILLISECONDS) && kill.exitValue() == 0, "kill -INT failed");
        return awaitExit();
    }

    /**
     * @return the exit status, once the process has ended and its output has been read.
     */
    int awaitExit() throws InterruptedException
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

    boolean isAlive()
    {
        return process.isAlive();
    }

    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
        }
    }

    private static void read(final InputStream stream, final Output output, final String name)
    {
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)))
            {
                for (String line; (line = lines.readLine()) != null; )
                {
                    output.add(line);
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
     * The lines of one stream so far.
     */
    static final class Output
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

        synchronized String await(final String text, final ServerProcess process)
        {
            final long deadline = System.currentTimeMillis() + DEADLINE_MS;
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
                    fail("no line with '" + text + "'" + (ended ? " before the stream ended" : " in time") +
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

        synchronized List<String> lines()
        {
            return List.copyOf(lines);
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
