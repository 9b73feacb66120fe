package io.carbonx.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server's data folder, and the policy that keeps exactly one exchange in it, whole:
 * <ul>
 *     <li>one server at a time ({@link FolderLock}): a second server (a mistyped port) would write duplicate sequences
 *     into the same journal;</li>
 *     <li>every folder the server writes is proved writable at start, so a read-only folder stops the start instead of
 *     leaving a dead engine behind a server that says it is ready;</li>
 *     <li>the folder and its subfolders are owner-only (0700), so nothing in it is open to others; what is in it is
 *     made owner-only too (files 0600) at every start and stop, since libraries create files with the umask;</li>
 *     <li>the journal must not be shorter than what the folder has seen: its {@link JournalMark}, its FIX stores and
 *     order log (and its snapshots, which recovery checks); genesis runs only on an entirely new folder.</li>
 * </ul>
 * Opened, checked and closed by the thread that starts and stops the server; the mark is kept up by a
 * {@link JournalMarker} on its own thread.
 */
final class DataFolder implements AutoCloseable
{
    static final String LOCK = FolderLock.FILE;
    static final String JOURNAL = "journal";
    static final String SNAPSHOTS = "snapshots";
    static final String FIX = "fix";
    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);

    private final Path path;
    private final FolderLock lock;
    private final long markAtStart;
    /** A FIX store or order log file that had content before this server wrote anything, or null. */
    private final Path usedFixFile;
    private long markWritten;
    private JournalMarker marker;

    private DataFolder(final Path path, final FolderLock lock, final long markAtStart, final Path usedFixFile)
    {
        this.path = path;
        this.lock = lock;
        this.markAtStart = markAtStart;
        this.usedFixFile = usedFixFile;
        this.markWritten = markAtStart;
    }

    /**
     * Create the folder if missing, take its lock, check that every folder in it is writable and make it owner-only.
     *
     * @throws ServerStartException when another server holds the folder, or a folder cannot be created or written.
     */
    static DataFolder open(final Path folder)
    {
        final Path path = folder.toAbsolutePath();
        FolderAccess.createOwnerOnly(path);
        final FolderLock lock = FolderLock.acquire(path);
        try
        {
            final long mark = JournalMark.read(path);
            for (final String sub : List.of(JOURNAL, SNAPSHOTS, FIX))
            {
                FolderAccess.createOwnerOnly(path.resolve(sub));
            }
            for (final Path written : foldersWritten(path))
            {
                FolderAccess.probeWritable(written);
            }
            FolderAccess.makeOwnerOnly(path);
            // read now: the order entry writes its files in fix/ before the recovered journal is admitted
            return new DataFolder(path, lock, mark, firstFixFileWithContent(path));
        }
        catch (final RuntimeException ex)
        {
            lock.close();
            throw ex;
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

        final Path used = usedFixFile;
        if (used != null)
        {
            throw new ServerStartException("the journal " + journal + " is empty or missing but the data folder " +
                path + " has been used (" + used + " has content): journal files are missing; restore them from " +
                "a backup, or start a new exchange in a new data folder", null);
        }
        try
        {
            JournalMark.write(path, -1);
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("cannot write the journal mark in " + path + ": " + ex, ex);
        }
        markWritten = -1;
        return true;
    }

    /**
     * From now on, keep the mark level with the journal, off the engine's threads.
     */
    void markJournal()
    {
        marker = new JournalMarker(path, path.resolve(JOURNAL), markWritten);
    }

    /**
     * Record the journal's end a last time (the engine has stopped), then release the folder to the next server.
     */
    @Override
    public void close()
    {
        try
        {
            if (marker != null)
            {
                marker.close();
            }
            FolderAccess.makeOwnerOnly(path); // what the run created with the process's umask
        }
        catch (final ServerStartException ex)
        {
            LOG.warn("{}", ex.getMessage());
        }
        finally
        {
            lock.close();
        }
    }

    private static Path firstFixFileWithContent(final Path path)
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
}
