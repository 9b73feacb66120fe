package io.carbonx.engine.pipeline;

import io.carbonx.engine.journal.JournalDurability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * A {@link CrashTestEngine} in a child JVM: same java, same classpath, same JVM flags as the test. Collects the child's
 * stdout as complete lines only, so a line cut short by the kill is never taken as reported.
 */
final class ChildEngineProcess implements AutoCloseable
{
    /**
     * Set by Surefire from the root pom's {@code carbonx.jvm.flags}; outside Maven, this JVM's own flags are used.
     */
    private static final String JVM_FLAGS_PROPERTY = "carbonx.jvm.flags";

    private final Process process;
    private final Path errorFile;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();

    private ChildEngineProcess(final Process process, final Path errorFile)
    {
        this.process = process;
        this.errorFile = errorFile;
        this.reader = new Thread(this::readLines, "child-stdout-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static ChildEngineProcess start(
        final Path folder,
        final String stateMachineClass,
        final long seed,
        final JournalDurability durability,
        final long snapshotInterval,
        final String mode,
        final Path errorFile) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashTestEngine.class.getName());
        command.addAll(List.of(folder.toString(), stateMachineClass, Long.toString(seed), durability.name(),
            Long.toString(snapshotInterval), mode));

        final Process process = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(errorFile.toFile()))
            .start();
        process.getOutputStream().close();
        return new ChildEngineProcess(process, errorFile);
    }

    /**
     * @return the first line starting with the prefix, waiting for it.
     */
    String awaitLine(final String prefix, final Duration timeout) throws InterruptedException
    {
        final long deadlineMs = System.currentTimeMillis() + timeout.toMillis();
        synchronized (lines)
        {
            int checked = 0;
            while (true)
            {
                for (; checked < lines.size(); checked++)
                {
                    if (lines.get(checked).startsWith(prefix))
                    {
                        return lines.get(checked);
                    }
                }
                final long remainingMs = deadlineMs - System.currentTimeMillis();
                if (remainingMs <= 0 || (!process.isAlive() && !reader.isAlive()))
                {
                    throw new AssertionError("child never wrote " + prefix + "; its stderr:\n" + errorTail());
                }
                lines.wait(Math.min(remainingMs, 100));
            }
        }
    }

    /**
     * Wait until at least this many lines starting with the prefix have been written.
     */
    void awaitLines(final String prefix, final int count, final Duration timeout) throws InterruptedException
    {
        final long deadlineMs = System.currentTimeMillis() + timeout.toMillis();
        synchronized (lines)
        {
            int checked = 0;
            int found = 0;
            while (true)
            {
                for (; checked < lines.size(); checked++)
                {
                    if (lines.get(checked).startsWith(prefix))
                    {
                        found++;
                    }
                }
                if (found >= count)
                {
                    return;
                }
                final long remainingMs = deadlineMs - System.currentTimeMillis();
                if (remainingMs <= 0 || (!process.isAlive() && !reader.isAlive()))
                {
                    throw new AssertionError("child wrote " + found + " of " + count + " lines starting " + prefix +
                        "; its stderr:\n" + errorTail());
                }
                lines.wait(Math.min(remainingMs, 100));
            }
        }
    }

    /**
     * SIGKILL the child and collect every complete line it wrote before dying.
     */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor();
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    int awaitExit(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            throw new AssertionError("child did not exit within " + timeout + "; its stderr:\n" + errorTail());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    List<String> lines()
    {
        synchronized (lines)
        {
            return new ArrayList<>(lines);
        }
    }

    String errorTail()
    {
        try
        {
            final String errors = Files.readString(errorFile, US_ASCII);
            return errors.substring(Math.max(0, errors.length() - 4_000));
        }
        catch (final IOException ex)
        {
            return "(cannot read " + errorFile + ": " + ex + ")";
        }
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
    }

    private void readLines()
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        final byte[] chunk = new byte[64 * 1024];
        try (InputStream in = process.getInputStream())
        {
            int read;
            while ((read = in.read(chunk)) > 0)
            {
                for (int i = 0; i < read; i++)
                {
                    if ('\n' == chunk[i])
                    {
                        synchronized (lines)
                        {
                            lines.add(line.toString(US_ASCII));
                            lines.notifyAll();
                        }
                        line.reset();
                    }
                    else
                    {
                        line.write(chunk[i]);
                    }
                }
            }
        }
        catch (final IOException ignore)
        {
            // The pipe breaks when the child is killed; whatever was complete has been kept.
        }
        finally
        {
            synchronized (lines)
            {
                lines.notifyAll();
            }
        }
    }

    private static List<String> jvmFlags()
    {
        final String flags = System.getProperty(JVM_FLAGS_PROPERTY);
        if (flags != null && !flags.isBlank())
        {
            return Arrays.asList(flags.trim().split("\\s+"));
        }

        final List<String> inherited = new ArrayList<>();
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access") ||
                argument.startsWith("--sun-misc") || argument.startsWith("-Dchronicle"))
            {
                inherited.add(argument);
            }
        }
        return inherited;
    }
}
