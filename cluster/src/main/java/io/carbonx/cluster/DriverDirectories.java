package io.carbonx.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where an embedded Aeron media driver keeps its memory-mapped files: in shared memory when the machine has it (the
 * files are the driver's IPC, faster in RAM), else in the owner's folder. Named after the owner's folder rather than at
 * random, so a restart after a kill reuses, and by deleting on start cleans, the killed run's directory instead of
 * leaking it in {@code /dev/shm}. Stateless.
 */
public final class DriverDirectories
{
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");

    private DriverDirectories()
    {
    }

    /**
     * @param prefix names the owner's kind, e.g. {@code carbonx-node-0}.
     * @param folder the owner's own folder, which only it uses.
     * @return {@code /dev/shm/<prefix>-<a UUID of the folder's absolute path>}, or {@code <folder>/aeron} without
     *         {@code /dev/shm}.
     */
    public static Path forFolder(final String prefix, final Path folder)
    {
        final String path = folder.toAbsolutePath().normalize().toString();
        return Files.isDirectory(SHARED_MEMORY) ?
            SHARED_MEMORY.resolve(prefix + "-" + UUID.nameUUIDFromBytes(path.getBytes(StandardCharsets.UTF_8))) :
            folder.resolve("aeron");
    }
}
