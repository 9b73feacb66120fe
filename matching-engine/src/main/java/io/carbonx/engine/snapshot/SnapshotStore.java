package io.carbonx.engine.snapshot;

import io.carbonx.engine.core.StateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * Snapshots of the whole state in one folder, one file per snapshot named after the sequence it was taken at.
 * <p>
 * Writing is atomic: the body is streamed to a temporary file, the {@link SnapshotHeader} with the body's length and
 * CRC32C goes in front, the file is forced to the device, renamed into place, and the folder is forced so that the
 * rename survives a power loss. A crash at any point leaves either the previous set of snapshots or the new one,
 * plus perhaps a temporary file that loading ignores and deletes.
 * <p>
 * Loading takes the newest snapshot that validates. A file that is truncated, has trailing bytes or fails a checksum
 * is skipped with a warning, and the next older one is tried, so recovery falls back to an older snapshot and a
 * longer journal tail. A file that validates but that the state machine cannot read, or that does not reproduce the
 * recorded sequence and state hash, is a bug rather than damage, and loading fails loudly instead of hiding it.
 * <p>
 * Only the newest {@code snapshotsToKeep} snapshots are kept, so that there is an older one to fall back to.
 * <p>
 * A snapshot is written either straight from the state machine ({@link #write(StateMachine)}, on the thread that owns
 * it) or from a {@link SnapshotImage} captured earlier ({@link #write(SnapshotImage)}, on any thread), which is how the
 * engine's {@link SnapshotWriter} keeps the file work off the business-logic thread. Not thread-safe: one thread
 * writes at a time (the snapshot writer's while the engine runs, the recovering thread's before).
 */
public final class SnapshotStore
{
    /**
     * Returned by {@link #loadNewest(StateMachine)} when no snapshot validates.
     */
    public static final long NO_SNAPSHOT = -1;

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".snap";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final int IO_BUFFER_LENGTH = 64 * 1024;
    /** A heap array is written through a temporary direct buffer as large as the write, cached per thread. */
    private static final int WRITE_CHUNK_LENGTH = 1024 * 1024;
    /** Bodies up to this length are loaded from memory, larger ones streamed from the file. */
    private static final long MAX_IN_MEMORY_BODY_LENGTH = Integer.MAX_VALUE - 16;

    private final Path directory;
    private final int snapshotsToKeep;
    private final WriteProgress progress;

    /**
     * @param directory       for the snapshot files, created if missing.
     * @param snapshotsToKeep how many of the newest snapshots survive each write, at least 1.
     */
    public SnapshotStore(final Path directory, final int snapshotsToKeep)
    {
        this(directory, snapshotsToKeep, (temporary, bodyBytes) ->
        {
        });
    }

    /**
     * @param progress told after each chunk of a captured snapshot's body reaches its temporary file: for tests that
     *                 look at the folder in the middle of a write, as a crash would leave it.
     */
    SnapshotStore(final Path directory, final int snapshotsToKeep, final WriteProgress progress)
    {
        this.progress = progress;
        if (snapshotsToKeep < 1)
        {
            throw new IllegalArgumentException("snapshotsToKeep must be at least 1: " + snapshotsToKeep);
        }
        this.directory = directory;
        this.snapshotsToKeep = snapshotsToKeep;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create snapshot folder " + directory, ex);
        }
    }

    /**
     * Write a snapshot of the state machine at its {@link StateMachine#lastAppliedSequence()}, all on the calling
     * thread; the engine captures on its thread and writes on another instead (see {@link SnapshotWriter}).
     *
     * @return the snapshot file.
     */
    public Path write(final StateMachine stateMachine) throws IOException
    {
        final SnapshotImage image = new SnapshotImage(IO_BUFFER_LENGTH);
        image.capture(stateMachine);
        return write(image);
    }

    /**
     * Write a snapshot captured earlier, at the sequence it was captured at.
     *
     * @return the snapshot file.
     */
    public Path write(final SnapshotImage image) throws IOException
    {
        final long sequence = image.sequence();
        if (sequence < 0)
        {
            throw new IllegalArgumentException("the image holds no captured state");
        }
        final Path target = fileFor(sequence);
        final Path temporary = directory.resolve(target.getFileName() + TEMPORARY_SUFFIX);

        try (FileChannel channel = FileChannel.open(temporary, CREATE, TRUNCATE_EXISTING, WRITE))
        {
            final byte[] body = image.body();
            final int bodyLength = image.length();
            final CRC32C bodyChecksum = new CRC32C();
            bodyChecksum.update(body, 0, bodyLength);

            int written = 0;
            while (written < bodyLength)
            {
                final int chunkLength = Math.min(WRITE_CHUNK_LENGTH, bodyLength - written);
                final ByteBuffer chunk = ByteBuffer.wrap(body, written, chunkLength);
                while (chunk.hasRemaining())
                {
                    written += channel.write(chunk, SnapshotHeader.LENGTH + written);
                }
                progress.bodyWritten(temporary, written);
            }

            new SnapshotHeader(sequence, image.stateHash(), bodyLength, (int)bodyChecksum.getValue()).writeTo(channel);
            channel.force(true);
        }
        catch (final IOException | RuntimeException ex)
        {
            Files.deleteIfExists(temporary);
            throw ex;
        }

        publish(temporary, target);
        return target;
    }

    /**
     * Rename a complete, forced temporary file into place, make the rename durable and drop the oldest snapshots.
     */
    private void publish(final Path temporary, final Path target) throws IOException
    {
        Files.move(temporary, target, ATOMIC_MOVE, REPLACE_EXISTING);
        forceDirectory();
        deleteAllButNewest(snapshotsToKeep);
    }

    /**
     * Load the newest valid snapshot into a state machine that has applied nothing yet.
     *
     * @return the sequence the snapshot was taken at, or {@link #NO_SNAPSHOT} if none validates.
     */
    public long loadNewest(final StateMachine stateMachine) throws IOException
    {
        return loadNewest(stateMachine, Long.MAX_VALUE);
    }

    /**
     * Load the newest valid snapshot taken at or before a sequence into a state machine that has applied nothing yet:
     * for a consumer that must see the events of the commands after that sequence again.
     *
     * @return the sequence the snapshot was taken at, or {@link #NO_SNAPSHOT} if none validates.
     */
    public long loadNewest(final StateMachine stateMachine, final long atMostSequence) throws IOException
    {
        deleteTemporaryFiles();
        for (final Path file : snapshots())
        {
            if (sequenceOf(file) > atMostSequence)
            {
                continue;
            }
            final ValidSnapshot snapshot;
            try
            {
                snapshot = readValidated(file);
            }
            catch (final IOException ex)
            {
                LOG.warn("skipping snapshot {}: {}", file, ex.getMessage());
                continue;
            }

            load(file, snapshot, stateMachine);
            LOG.info("loaded snapshot {} at sequence {}", file, snapshot.header().sequence());
            return snapshot.header().sequence();
        }

        return NO_SNAPSHOT;
    }

    /**
     * @return the snapshot files, newest first, whether valid or not.
     */
    public List<Path> snapshots() throws IOException
    {
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory))
        {
            listing.filter(SnapshotStore::isSnapshotFile).forEach(files::add);
        }
        files.sort(Comparator.comparingLong(SnapshotStore::sequenceOf).reversed());

        return files;
    }

    /**
     * Check a snapshot file without loading it: header, length and body checksum.
     *
     * @return its header.
     * @throws InvalidSnapshotException if the file cannot be trusted.
     */
    public static SnapshotHeader validate(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, READ))
        {
            final long fileLength = channel.size();
            final SnapshotHeader header = SnapshotHeader.readFrom(channel);
            checkLengthAndName(file, fileLength, header);

            final CRC32C checksum = new CRC32C();
            final ByteBuffer buffer = ByteBuffer.allocateDirect(IO_BUFFER_LENGTH);
            long position = SnapshotHeader.LENGTH;
            while (position < fileLength)
            {
                buffer.clear();
                final int read = channel.read(buffer, position);
                if (read < 0)
                {
                    throw new InvalidSnapshotException("ended early at " + position);
                }
                buffer.flip();
                checksum.update(buffer);
                position += read;
            }
            if ((int)checksum.getValue() != header.bodyChecksum())
            {
                throw new InvalidSnapshotException("body checksum mismatch");
            }

            return header;
        }
    }

    private static void checkLengthAndName(final Path file, final long fileLength, final SnapshotHeader header)
        throws InvalidSnapshotException
    {
        if (fileLength != SnapshotHeader.LENGTH + header.bodyLength())
        {
            throw new InvalidSnapshotException("length " + fileLength + " but the header promises " +
                (SnapshotHeader.LENGTH + header.bodyLength()) + " (truncated or overwritten)");
        }
        if (header.sequence() != sequenceOf(file))
        {
            throw new InvalidSnapshotException("header sequence " + header.sequence() + " does not match its name");
        }
    }

    /**
     * Check a snapshot file as {@link #validate} does, reading its body into memory on the way so that loading does
     * not read the file a second time, unless the body is too large for one array.
     */
    private static ValidSnapshot readValidated(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, READ))
        {
            final long fileLength = channel.size();
            final SnapshotHeader header = SnapshotHeader.readFrom(channel);
            checkLengthAndName(file, fileLength, header);
            if (header.bodyLength() > MAX_IN_MEMORY_BODY_LENGTH)
            {
                return new ValidSnapshot(validate(file), null);
            }

            final byte[] body = new byte[(int)header.bodyLength()];
            int read = 0;
            while (read < body.length)
            {
                final int chunkLength = Math.min(WRITE_CHUNK_LENGTH, body.length - read);
                final int count = channel.read(ByteBuffer.wrap(body, read, chunkLength), SnapshotHeader.LENGTH + read);
                if (count < 0)
                {
                    throw new InvalidSnapshotException("ended early at " + (SnapshotHeader.LENGTH + read));
                }
                read += count;
            }
            final CRC32C checksum = new CRC32C();
            checksum.update(body, 0, body.length);
            if ((int)checksum.getValue() != header.bodyChecksum())
            {
                throw new InvalidSnapshotException("body checksum mismatch");
            }

            return new ValidSnapshot(header, body);
        }
    }

    private static void load(final Path file, final ValidSnapshot snapshot, final StateMachine stateMachine)
        throws IOException
    {
        final SnapshotHeader header = snapshot.header();
        if (snapshot.body() != null)
        {
            stateMachine.readSnapshot(new SnapshotInput(snapshot.body(), 0, snapshot.body().length));
        }
        else
        {
            try (FileChannel channel = FileChannel.open(file, READ))
            {
                channel.position(SnapshotHeader.LENGTH);
                stateMachine.readSnapshot(new DataInputStream(
                    new BufferedInputStream(Channels.newInputStream(channel), IO_BUFFER_LENGTH)));
            }
        }

        if (stateMachine.lastAppliedSequence() != header.sequence() || stateMachine.stateHash() != header.stateHash())
        {
            throw new IllegalStateException(
                "snapshot " + file + " passed its checksum but did not reproduce its state:" +
                " sequence " + stateMachine.lastAppliedSequence() + " vs " + header.sequence() +
                ", state hash " + stateMachine.stateHash() + " vs " + header.stateHash());
        }
    }

    private Path fileFor(final long sequence)
    {
        return directory.resolve(String.format("%s%020d%s", PREFIX, sequence, SUFFIX));
    }

    private static boolean isSnapshotFile(final Path file)
    {
        final String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && sequenceOf(file) >= 0;
    }

    private static long sequenceOf(final Path file)
    {
        final String name = file.getFileName().toString();
        try
        {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        }
        catch (final RuntimeException ex)
        {
            return -1;
        }
    }

    private void deleteAllButNewest(final int count) throws IOException
    {
        final List<Path> files = snapshots();
        for (int i = count; i < files.size(); i++)
        {
            Files.deleteIfExists(files.get(i));
        }
    }

    private void deleteTemporaryFiles() throws IOException
    {
        try (Stream<Path> listing = Files.list(directory))
        {
            for (final Path file : (Iterable<Path>)listing::iterator)
            {
                if (file.getFileName().toString().endsWith(TEMPORARY_SUFFIX))
                {
                    LOG.info("deleting unfinished snapshot {}", file);
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private void forceDirectory()
    {
        try (FileChannel channel = FileChannel.open(directory, READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            // The renamed snapshot may not survive a power loss; the previous one and the journal still do.
            LOG.warn("could not force snapshot folder {}: {}", directory, ex.toString());
        }
    }

    /**
     * A snapshot file that passed its checks, with its body when it was read into memory.
     *
     * @param body the body, or null when it is to be streamed from the file.
     */
    private record ValidSnapshot(SnapshotHeader header, byte[] body)
    {
    }

    /**
     * Told how far the body of a captured snapshot has been written to its temporary file.
     */
    @FunctionalInterface
    interface WriteProgress
    {
        void bodyWritten(Path temporary, long bodyBytes) throws IOException;
    }
}
