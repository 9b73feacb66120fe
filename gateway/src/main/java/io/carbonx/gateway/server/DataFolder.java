package io.carbonx.gateway.server;

import io.carbonx.engine.journal.JournalReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server's data folder, and the policy that keeps exactly one exchange in it, whole:
 * <ul>
 *     <li>one server at a time: an exclusive lock on {@value #LOCK}, held for the server's life, refuses a second server
 *     (a mistyped port) that would write duplicate sequences into the same journal;</li>
 *     <li>every folder the server writes is checked to be writable at start, by creating and removing a file, so a
 *     read-only folder stops the start instead of leaving a dead engine behind a server that says it is ready;</li>
 *     <li>the folder and its subfolders are owner-only (0700), so nothing in it is open to others; what is in it is
 *     made owner-only too (files 0600) at every start and stop, since libraries create files with the umask;</li>
 *     <li>the journal must not be shorter than what the folder has seen: its {@link JournalMark}, its FIX stores and
 *     order log (and its snapshots, which recovery checks); genesis runs only on an entirely new folder.</li>
 * </ul>
 * Threading: opened, checked and closed by the thread that starts and stops the server. The journal mark is then
 * written by this class's own "journal-mark" thread, once a second when the journal has grown and a last time at close;
 * that thread alone owns its journal reader.
 */
final class DataFolder implements AutoCloseable
{
    static final String LOCK = "carbonx.lock";
    static final String JOURNAL = "journal";
    static final String SNAPSHOTS = "snapshots";
    static final String FIX = "fix";
    static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final String PROBE = ".write-probe";
    private static final long MARK_INTERVAL_MS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);
    /**
     * The folders servers in this process hold. A file lock cannot be tested from a second channel of the same process
     * without harm (closing any channel on the lock file drops the process's lock on it), so a second server in the
     * same process is refused here, before it opens the lock file.
     */
    private static final Set<Path> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final Path key;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final long markAtStart;
    private ScheduledExecutorService marker;
    private JournalReader markReader;
    private long markWritten;

    private DataFolder(
        final Path path, final Path key, final FileChannel lockChannel, final FileLock lock, final long markAtStart)
    {
        this.path = path;
        this.key = key;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.markAtStart = markAtStart;
        this.markWritten = markAtStart;
    }

    /**
     * Create the folder if missing, take its lock, make it owner-only and check that every folder in it is writable.
     *
     * @throws ServerStartException when another server holds the folder, or a folder cannot be created or written.
     */
    static DataFolder open(final Path folder)
    {
        final Path path = folder.toAbsolutePath();
        createOwnerOnly(path);
        final Path key = realPath(path);
        if (!HELD_IN_THIS_PROCESS.add(key))
        {
            throw new ServerStartException("the data folder " + path + " is in use by another server in this process " +
                "(pid " + ProcessHandle.current().pid() + "): stop that server first, or give this one its own " +
                "dataFolder", null);
        }
        try
        {
            return lockAndCheck(path, key);
        }
        catch (final RuntimeException ex)
        {
            HELD_IN_THIS_PROCESS.remove(key);
            throw ex;
        }
    }

    private static DataFolder lockAndCheck(final Path path, final Path key)
    {
        final FileChannel channel;
        try
        {
            channel = FileChannel.open(path.resolve(LOCK),
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("cannot open the lock file of the data folder " + path + ": " + ex, ex);
        }

        try
        {
            final FileLock lock = lock(path, channel);
            try
            {
                recordHolder(channel);
                final long mark = JournalMark.read(path);
                for (final String sub : List.of(JOURNAL, SNAPSHOTS, FIX))
                {
                    createOwnerOnly(path.resolve(sub));
                }
                for (final Path writable : foldersWritten(path))
                {
                    probe(writable);
                }
                tightenPermissions(path);
                return new DataFolder(path, key, channel, lock, mark);
            }
            catch (final RuntimeException ex)
            {
                lock.release();
                throw ex;
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(channel);
            if (ex instanceof ServerStartException startException)
            {
                throw startException;
            }
            throw new ServerStartException("cannot lock the data folder " + path + ": " + ex, ex);
        }
    }

    Path path()
    {
        return path;
    }

    /**
     * Check the recovered journal against what the folder has seen, and claim a new folder for genesis.
     *
     * @param journalEnd the sequence of the journal's last command, -1 when it is empty.
     * @return whether the folder is entirely new, so genesis must run; its mark is then already written.
     * @throws ServerStartException when the journal is shorter than what the folder has seen.
     */
    boolean admit(final long journalEnd)
    {
        final Path journal = path.resolve(JOURNAL);
        if (Long.MIN_VALUE == markAtStart && journalEnd >= 0)
        {
            throw new ServerStartException("the journal " + journal + " holds commands up to sequence " + journalEnd +
                " but the data folder " + path + " has no " + JournalMark.FILE + ": the folder was not written by " +
                "this server or its mark was removed; restore the data folder from a backup", null);
        }
        if (journalEnd < markAtStart)
        {
            throw new ServerStartException("the journal " + journal + " ends at sequence " + journalEnd +
                " but the data folder " + path + " had journaled up to sequence " + markAtStart + " (" +
                JournalMark.FILE + "): journal files are missing or truncated; restore them from a backup", null);
        }
        if (journalEnd >= 0)
        {
            return false;
        }

        final Path used = firstFixFileWithContent();
        if (null != used)
        {
            throw new ServerStartException("the journal " + journal + " is empty or missing but the data folder " +
                path + " has been used (" + used + " has content): journal files are missing; restore them from " +
                "a backup, or start a new exchange in a new data folder", null);
        }
        writeMark(-1);
        markWritten = -1;
        return true;
    }

    /**
     * From now on, record the journal's end in the mark once a second when it has grown, off the engine's threads.
     */
    void markJournal()
    {
        marker = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "journal-mark");
            thread.setDaemon(true);
            return thread;
        });
        marker.scheduleWithFixedDelay(this::markJournalEnd, 0, MARK_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Record the journal's end a last time (the engine has stopped), then release the folder to the next server.
     */
    @Override
    public void close()
    {
        try
        {
            if (null != marker)
            {
                try
                {
                    marker.submit(() ->
                    {
                        markJournalEnd();
                        closeMarkReader();
                    }).get();
                }
                catch (final ExecutionException ex)
                {
                    LOG.warn("cannot record the journal's end in {}: {}", path, ex.getCause().toString());
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                marker.shutdownNow();
            }
        }
        finally
        {
            try
            {
                tightenPermissions(path); // what the run created with the process's umask
            }
            catch (final ServerStartException ex)
            {
                LOG.warn("{}", ex.getMessage());
            }
            try
            {
                lock.release();
            }
            catch (final IOException ex)
            {
                LOG.warn("cannot release the lock of {}: {}", path, ex.toString());
            }
            closeQuietly(lockChannel);
            HELD_IN_THIS_PROCESS.remove(key);
        }
    }

    private void markJournalEnd()
    {
        try
        {
            if (null == markReader)
            {
                markReader = new JournalReader(path.resolve(JOURNAL));
            }
            final long end = markReader.lastSequence();
            if (end > markWritten)
            {
                JournalMark.write(path, end);
                markWritten = end;
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.error("cannot record the journal's end in {}: {}", path, ex.toString());
        }
    }

    private void closeMarkReader()
    {
        if (null != markReader)
        {
            markReader.close();
            markReader = null;
        }
    }

    private void writeMark(final long highWaterMark)
    {
        try
        {
            JournalMark.write(path, highWaterMark);
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("cannot write the journal mark in " + path + ": " + ex, ex);
        }
    }

    private Path firstFixFileWithContent()
    {
        try (Stream<Path> files = Files.walk(path.resolve(FIX)))
        {
            return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && size(file) > 0)
                .findFirst().orElse(null);
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("cannot read the FIX store folder " + path.resolve(FIX) + ": " + ex, ex);
        }
    }

    private static long size(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            return 1; // a file that cannot even be sized is content the folder cannot account for
        }
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

    private static FileLock lock(final Path path, final FileChannel channel) throws IOException
    {
        FileLock lock;
        try
        {
            lock = channel.tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            lock = null; // held in this process, outside a DataFolder
        }
        if (null == lock)
        {
            throw new ServerStartException("the data folder " + path + " is in use by another server" + holder(channel) +
                ": stop that server first, or give this one its own dataFolder", null);
        }
        return lock;
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

    /**
     * The folders the server writes into: the data folder, the journal, the snapshots, the FIX store folder and each
     * session's store in it.
     */
    private static List<Path> foldersWritten(final Path path)
    {
        final List<Path> folders = new ArrayList<>(List.of(path, path.resolve(JOURNAL), path.resolve(SNAPSHOTS)));
        final Path fix = path.resolve(FIX);
        folders.add(fix);
        try (Stream<Path> sessions = Files.list(fix))
        {
            sessions.filter(Files::isDirectory).sorted().forEach(folders::add);
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("cannot list the FIX store folder " + fix + ": " + ex, ex);
        }
        return folders;
    }

    private static void probe(final Path folder)
    {
        final Path probe = folder.resolve(PROBE);
        try
        {
            Files.deleteIfExists(probe);
            try (FileChannel channel = FileChannel.open(probe,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)))
            {
                channel.write(ByteBuffer.wrap(new byte[] {1}));
                channel.force(true);
            }
            Files.delete(probe);
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("the folder " + folder + " is not writable (" + ex + "): the server " +
                "writes there, so it cannot run on it; make it writable or choose another dataFolder", ex);
        }
    }

    private static void createOwnerOnly(final Path folder)
    {
        try
        {
            if (!Files.isDirectory(folder))
            {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            }
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("cannot create the folder " + folder + ": " + ex, ex);
        }
    }

    /**
     * Take group and other permissions away from the folder and everything in it, including what an older version or
     * a library (Chronicle's cycle files) created with the process's umask.
     */
    private static void tightenPermissions(final Path path)
    {
        try (Stream<Path> entries = Files.walk(path))
        {
            for (final Path entry : (Iterable<Path>)entries::iterator)
            {
                final PosixFileAttributeView view = Files.getFileAttributeView(
                    entry, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                if (null == view || Files.isSymbolicLink(entry))
                {
                    continue;
                }
                final Set<PosixFilePermission> permissions = view.readAttributes().permissions();
                if (permissions.removeAll(OTHERS))
                {
                    view.setPermissions(permissions);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("cannot make the data folder " + path + " owner-only: " + ex, ex);
        }
    }

    static void forceDirectory(final Path folder) throws IOException
    {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ))
        {
            channel.force(true);
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
