package io.carbonx.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a data folder, held for a server's life: {@code FileChannel.tryLock} on {@value #FILE} in the
 * folder, which also holds the holder's pid so that a refused server can name it. The operating system drops the lock
 * when the holding process ends, however it ends. Opened and closed by the thread that starts and stops the server.
 */
final class FolderLock implements AutoCloseable
{
    static final String FILE = "carbonx.lock";
    private static final Logger LOG = LoggerFactory.getLogger(FolderLock.class);
    /**
     * The folders servers in this process hold. A file lock cannot be tested from a second channel of the same process
     * without harm (closing any channel on the lock file drops the process's lock on it), so a second server in the
     * same process is refused here, before it opens the lock file.
     */
    private static final Set<Path> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(final Path key, final FileChannel channel, final FileLock lock)
    {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param folder an existing folder.
     * @throws ServerStartException when another server, in this process or another, holds the folder.
     */
    static FolderLock acquire(final Path folder)
    {
        final Path key = realPath(folder);
        if (!HELD_IN_THIS_PROCESS.add(key))
        {
            throw new ServerStartException("the data folder " + folder +
                " is in use by another server in this process " +
                "(pid " + ProcessHandle.current().pid() + "): stop that server first, or give this one its own " +
                "dataFolder", null);
        }
        try
        {
            return lock(folder, key);
        }
        catch (final RuntimeException ex)
        {
            HELD_IN_THIS_PROCESS.remove(key);
            throw ex;
        }
    }

    @Override
    public void close()
    {
        try
        {
            lock.release();
        }
        catch (final IOException ex)
        {
            LOG.warn("cannot release the lock {}: {}", key.resolve(FILE), ex.toString());
        }
        finally
        {
            closeQuietly(channel);
            HELD_IN_THIS_PROCESS.remove(key);
        }
    }

    private static FolderLock lock(final Path folder, final Path key)
    {
        final FileChannel channel;
        try
        {
            channel = FileChannel.open(folder.resolve(FILE),
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(FolderAccess.OWNER_ONLY_FILE));
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("cannot open the lock file of the data folder " + folder + ": " + ex, ex);
        }

        try
        {
            FileLock lock;
            try
            {
                lock = channel.tryLock();
            }
            catch (final OverlappingFileLockException ex)
            {
                lock = null; // held in this process, outside a FolderLock
            }
            if (lock == null)
            {
                throw new ServerStartException("the data folder " + folder + " is in use by another server" +
                    holder(channel) + ": stop that server first, or give this one its own dataFolder", null);
            }
            recordHolder(channel);
            return new FolderLock(key, channel, lock);
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(channel); // releases the lock if it was taken
            if (ex instanceof ServerStartException startException)
            {
                throw startException;
            }
            throw new ServerStartException("cannot lock the data folder " + folder + ": " + ex, ex);
        }
    }

    private static String holder(final FileChannel channel)
    {
        try
        {
            final ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            final String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return pid.matches("[0-9]{1,19}") ? " (pid " + pid + ")" : "";
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private static void recordHolder(final FileChannel channel) throws IOException
    {
        channel.truncate(0);
        final ByteBuffer pid = ByteBuffer.wrap(
            (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
        while (pid.hasRemaining())
        {
            channel.write(pid, pid.position());
        }
        channel.force(true);
    }

    private static Path realPath(final Path path)
    {
        try
        {
            return path.toRealPath();
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("cannot resolve the data folder " + path + ": " + ex, ex);
        }
    }

    private static void closeQuietly(final FileChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            LOG.warn("cannot close {}: {}", channel, ex.toString());
        }
    }
}
