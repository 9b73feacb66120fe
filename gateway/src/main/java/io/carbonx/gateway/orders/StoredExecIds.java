package io.carbonx.gateway.orders;

import io.carbonx.fix.session.FixAcceptor;
import io.carbonx.fix.FixSessionId;
import io.carbonx.fix.store.FileMessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The ExecIDs (17) of the ExecutionReports a FIX session has in its message store, read through the store before the
 * acceptor opens it: what a restart need not report again. A store that cannot be read is left to the acceptor, which
 * refuses the session's Logon; nothing is then known to be stored, and reports to it wait for the store to be repaired.
 * Used by the starting thread only.
 */
public final class StoredExecIds
{
    private static final Logger LOG = LoggerFactory.getLogger(StoredExecIds.class);
    private static final byte SOH = 1;
    private static final byte[] EXECUTION_REPORT = "\u000135=8\u0001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXEC_ID = "\u000117=".getBytes(StandardCharsets.US_ASCII);

    private StoredExecIds()
    {
    }

    /**
     * @return the ExecIDs of the session's stored ExecutionReports, empty when it has no store yet.
     */
    public static Set<String> read(final Path storeRoot, final FixSessionId session)
    {
        final Path directory = FixAcceptor.storeDirectory(storeRoot, session);
        final Set<String> execIds = new HashSet<>();
        if (!Files.isDirectory(directory))
        {
            return execIds;
        }
        try (FileMessageStore store = new FileMessageStore(directory, false))
        {
            for (int seqNum = 1; seqNum < store.nextSenderSeqNum(); seqNum++)
            {
                final byte[] frame = store.get(seqNum);
                final String execId = frame == null ? null : execIdOfReport(frame);
                if (execId != null)
                {
                    execIds.add(execId);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.warn("{}: cannot read the stored reports ({}); none is taken as stored", session, ex.toString());
            execIds.clear();
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
}
