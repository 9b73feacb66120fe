package io.carbonx.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data folder's durable record of how far its journal has got: a small text file whose existence says "this folder
 * holds an exchange" (it is written before genesis) and whose high-water mark is a journal sequence the folder is known
 * to have held. A journal that ends before the mark has lost records (a cycle file truncated, deleted or replaced), and
 * the server refuses to start on it rather than sequencing on from the gap or re-running genesis.
 * <pre>
 * carbonx data folder 1
 * journal high-water mark 1234
 * </pre>
 * Written whole to a temporary file, forced, then renamed over the old one, so a crash leaves the old mark or the new
 * one, never half of either. Stateless: the caller decides which thread writes.
 */
final class JournalMark
{
    static final String FILE = "journal.mark";
    private static final String TEMPORARY = FILE + ".tmp";
    private static final String HEADER = "carbonx data folder 1";
    private static final Pattern CONTENT = Pattern.compile(
        Pattern.quote(HEADER) + "\njournal high-water mark (-1|0|[1-9][0-9]{0,18})\n");

    private JournalMark()
    {
    }

    /**
     * @return the folder's high-water mark, or {@link Long#MIN_VALUE} when the folder has no mark.
     * @throws ServerStartException when the mark cannot be read or is not one this version wrote.
     */
    static long read(final Path folder)
    {
        final Path file = folder.resolve(FILE);
        final String content;
        try
        {
            content = Files.readString(file, StandardCharsets.US_ASCII);
        }
        catch (final NoSuchFileException ex)
        {
            return Long.MIN_VALUE;
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("cannot read the journal mark " + file.toAbsolutePath() + ": " + ex, ex);
        }

        final Matcher matcher = CONTENT.matcher(content);
        if (!matcher.matches())
        {
            throw new ServerStartException("the journal mark " + file.toAbsolutePath() +
                " is damaged, so the journal " +
                "cannot be checked against it; restore the data folder from a backup", null);
        }
        try
        {
            return Long.parseLong(matcher.group(1));
        }
        catch (final NumberFormatException ex)
        {
            throw new ServerStartException("the journal mark " + file.toAbsolutePath() + " is damaged: " +
                ex.getMessage(), ex);
        }
    }

    /**
     * Replace the folder's mark, durably, with an owner-only file.
     */
    static void write(final Path folder, final long highWaterMark) throws IOException
    {
        final Path temporary = folder.resolve(TEMPORARY);
        final byte[] content = (HEADER + "\njournal high-water mark " + highWaterMark + "\n")
            .getBytes(StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(temporary,
            EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(FolderAccess.OWNER_ONLY_FILE)))
        {
            final ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        FolderAccess.forceDirectory(folder);
    }
}
