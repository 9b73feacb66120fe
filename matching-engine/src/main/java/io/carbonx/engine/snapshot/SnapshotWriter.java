package io.carbonx.engine.snapshot;

import io.carbonx.engine.core.StateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Takes snapshots for the business-logic thread without making it wait for the disk: {@link #take} serialises the
 * state into a {@link SnapshotImage} on the calling thread, between two commands, which is what consistency needs
 * (the state at the snapshot's sequence, exactly), and hands the image to its own thread, carbonx-snapshot-writer,
 * which checksums it, writes the temporary file, forces it, renames it into place and drops old snapshots through the
 * {@link SnapshotStore}. The crash guarantees are the store's: until the rename a crash leaves the previous snapshots
 * and a temporary file that loading ignores.
 * <p>
 * One image is reused, so a snapshot due while the previous one is still being written waits for that write first:
 * every snapshot asked for is written, in order, and at most one is in memory. A failed write is logged and is not
 * fatal: the journal holds every command, recovery just replays a longer tail.
 * <p>
 * {@link #take} and {@link #close} are called by one thread, the owner (the business-logic thread while the engine
 * runs); the image is then read by the writer thread, the hand-over through the executor ordering the two.
 */
public final class SnapshotWriter implements AutoCloseable
{
    /** The name of the thread that writes snapshot files. */
    public static final String THREAD_NAME = "carbonx-snapshot-writer";

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);
    private static final int INITIAL_IMAGE_BYTES = 1024 * 1024;
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final SnapshotStore store;
    private final SnapshotImage image = new SnapshotImage(INITIAL_IMAGE_BYTES);
    private final ExecutorService writer;
    private volatile Thread writerThread; // set by the first submit's caller, joined by close
    private Future<Path> pending;
    private long lastPauseNs;

    public SnapshotWriter(final SnapshotStore store)
    {
        this.store = store;
        final ThreadPoolExecutor executor = new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable ->
            {
                final Thread thread = new Thread(runnable, THREAD_NAME);
                thread.setDaemon(true);
                writerThread = thread;
                return thread;
            });
        this.writer = executor;
    }

    /**
     * Capture the state machine at its {@link StateMachine#lastAppliedSequence()} and write it in the background.
     * Returns once the state is captured (after waiting for the previous snapshot's write, if still going): the state
     * machine may change from then on.
     *
     * @throws IOException if the state machine cannot serialise itself; nothing is written then.
     */
    public void take(final StateMachine stateMachine) throws IOException
    {
        final long startNs = System.nanoTime();
        awaitWritten();
        image.capture(stateMachine);
        final long sequence = image.sequence();
        final long capturedNs = System.nanoTime();
        lastPauseNs = capturedNs - startNs;
        pending = writer.submit(() -> writeImage(sequence, capturedNs));
    }

    /**
     * @return how long the last {@link #take} held its caller, in nanoseconds: the business logic's pause.
     */
    public long lastPauseNs()
    {
        return lastPauseNs;
    }

    /**
     * @return the last snapshot captured: its size, and how long serialising and hashing took.
     */
    public SnapshotImage lastImage()
    {
        return image;
    }

    /**
     * @return bytes in the last captured snapshot's body.
     */
    public int lastSnapshotBytes()
    {
        return image.length();
    }

    /**
     * Wait until the last snapshot taken is written (or has failed, which is logged).
     *
     * @return its file, or null if none was taken or its write failed.
     */
    public Path awaitWritten()
    {
        final Future<Path> write = pending;
        if (write == null)
        {
            return null;
        }
        boolean interrupted = false;
        try
        {
            while (true)
            {
                try
                {
                    return write.get();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true; // the image must not be reused while the writer still reads it
                }
                catch (final ExecutionException ex)
                {
                    LOG.error("snapshot writer failed", ex.getCause());
                    return null;
                }
            }
        }
        finally
        {
            pending = null;
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Finish the snapshot being written, if any, and stop the writer thread.
     */
    @Override
    public void close()
    {
        awaitWritten();
        writer.shutdown();
        try
        {
            // Nothing is queued after the write just awaited, so the thread only has to notice the shutdown.
            // Termination is reported before the worker thread has quite ended: join it, so that a closed writer has
            // no thread left.
            final boolean terminated = writer.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            final Thread thread = writerThread;
            if (thread != null)
            {
                thread.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
            }
            if (!terminated || (thread != null && thread.isAlive()))
            {
                LOG.error("{} did not stop within {} s", THREAD_NAME, CLOSE_TIMEOUT_SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private Path writeImage(final long sequence, final long capturedNs)
    {
        try
        {
            final Path file = store.write(image);
            LOG.info("snapshot {} of {} bytes at sequence {} written in {} ms, the business logic paused {} ms",
                file, image.length(), sequence, (System.nanoTime() - capturedNs) / 1_000_000,
                lastPauseNs / 1_000_000);
            return file;
        }
        catch (final IOException | RuntimeException ex)
        {
            // Not fatal: the journal holds every command, recovery just replays a longer tail.
            LOG.error("snapshot at sequence {} failed", sequence, ex);
            return null;
        }
    }
}
