package io.carbonx.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who may use the data folder's files: folders are created owner-only (0700), trees are made owner-only (group and
 * other permissions taken away), and a folder is proved writable by creating and removing a file in it, since
 * permission bits say nothing to root and nothing about a read-only or immutable file system. Stateless.
 */
final class FolderAccess
{
    static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final String PROBE = ".write-probe";

    private FolderAccess()
    {
    }

    /**
     * Create a folder, and any missing parent, owner-only.
     */
    static void createOwnerOnly(final Path folder)
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
     * @throws ServerStartException unless a file can be created, written, forced and removed in the folder.
     */
    static void probeWritable(final Path folder)
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

    /**
     * Take group and other permissions away from a folder and everything in it, including what an older version or a
     * library (Chronicle's cycle files, the FIX stores) created with the process's umask.
     */
    static void makeOwnerOnly(final Path root)
    {
        try (Stream<Path> entries = Files.walk(root))
        {
            for (final Path entry : (Iterable<Path>)entries::iterator)
            {
                final PosixFileAttributeView view = Files.getFileAttributeView(
                    entry, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                if (view == null || Files.isSymbolicLink(entry))
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
            throw new ServerStartException("cannot make the data folder " + root + " owner-only: " + ex, ex);
        }
    }

    /**
     * Force a folder's entries (a file created or renamed in it) to the device.
     */
    static void forceDirectory(final Path folder) throws IOException
    {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ))
        {
            channel.force(true);
        }
    }
}
