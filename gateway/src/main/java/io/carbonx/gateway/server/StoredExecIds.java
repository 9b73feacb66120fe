package io.carbonx.gateway.server;

import io.carbonx.gateway.fix.FixAcceptor;
import io.carbonx.gateway.fix.FixSessionId;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The ExecIDs (17) of the ExecutionReports a FIX session has in its message store, read before the acceptor opens the
 * store: what a restart need not report again. Reads the store's {@code messages} file, records of
 * {@code int MsgSeqNum, int length, frame} (see {@code FileMessageStore}), and stops at a torn record, as the store does.
 * Used by the starting thread only.
 */
final class StoredExecIds
{
    private static final byte SOH = 1;
    private static final byte[] EXECUTION_REPORT = "\u000135=8\u0001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXEC_ID = "\u000117=".getBytes(StandardCharsets.US_ASCII);

    private StoredExecIds()
    {
    }

    /**
     * @return the ExecIDs of the session's stored ExecutionReports, empty when it has no store yet.
     */
    static Set<String> read(final Path storeRoot, final FixSessionId session) throws IOException
    {
        final Path messages = FixAcceptor.storeDirectory(storeRoot, session).resolve("messages");
        final Set<String> execIds = new HashSet<>();
        if (!Files.exists(messages))
        {
            return execIds;
        }
        try (FileChannel channel = FileChannel.open(messages, StandardOpenOption.READ))
        {
            final long size = channel.size();
            final ByteBuffer header = ByteBuffer.allocate(8);
            long position = 0;
            while (position + 8 <= size)
            {
                header.clear();
                readFully(channel, header, position);
                final int length = header.getInt(4);
                if (length < 0 || position + 8 + length > size)
                {
                    break;
                }
                final ByteBuffer frame = ByteBuffer.allocate(length);
                readFully(channel, frame, position + 8);
                final String execId = execIdOfReport(frame.array());
                if (execId != null)
                {
                    execIds.add(execId);
                }
                position += 8 + length;
            }
        }
        catch (final NoSuchFileException ex)
        {
            return execIds;
        }
        return execIds;
    }

    /**
     * @return the ExecID of a frame that is an ExecutionReport, otherwise null.
     */
    static String execIdOfReport(final byte[] frame)
    {
        if (indexOf(frame, EXECUTION_REPORT, 0) < 0)
        {
            return null;
        }
        final int at = indexOf(frame, EXEC_ID, 0);
        if (at < 0)
        {
            return null;
        }
        final int start = at + EXEC_ID.length;
        int end = start;
        while (end < frame.length && frame[end] != SOH)
        {
            end++;
        }
        return new String(frame, start, end - start, StandardCharsets.US_ASCII);
    }

    private static int indexOf(final byte[] frame, final byte[] pattern, final int from)
    {
        outer:
        for (int i = from; i <= frame.length - pattern.length; i++)
        {
            for (int j = 0; j < pattern.length; j++)
            {
                if (frame[i + j] != pattern[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void readFully(final FileChannel channel, final ByteBuffer buffer, final long position)
        throws IOException
    {
        long at = position;
        while (buffer.hasRemaining())
        {
            final int read = channel.read(buffer, at);
            if (read < 0)
            {
                throw new IOException("unexpected end of a FIX message store");
            }
            at += read;
        }
    }
}
