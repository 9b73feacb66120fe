package io.carbonx.gateway.orders;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The orders, cancels and replaces a session took in the read being handled: their order log records and encoded
 * commands, held until the end of the read ({@link io.carbonx.fix.FixApplication#onBatchEnd}), when the records are
 * written with one write and then the commands are published in the order they came. A read with more commands than
 * fit is flushed in parts. Everything is reused from one read to the next: nothing is allocated here in steady state.
 * <p>
 * Used only by its session's event loop.
 */
final class PendingCommands
{
    /** How many commands a batch holds at most before it is flushed. */
    static final int MAX_COMMANDS = 128;
    private static final int COMMAND_BYTES = 64 * 1024;

    final OrderLog.Batch log = new OrderLog.Batch();
    final UnsafeBuffer commands = new UnsafeBuffer(new byte[COMMAND_BYTES]);

    private final byte[] kinds = new byte[MAX_COMMANDS];
    private final int[] offsets = new int[MAX_COMMANDS];
    private final int[] lengths = new int[MAX_COMMANDS];
    private final int[] msgSeqNums = new int[MAX_COMMANDS];
    private final long[] clOrdIdHashes = new long[MAX_COMMANDS];
    /** The order (NEW) or the request (REPLACE, CANCEL) of each command. */
    private final Object[] subjects = new Object[MAX_COMMANDS];
    /** The OrigClOrdID (41) of a REPLACE or CANCEL, for its answer should the batch be refused. */
    private final String[] origClOrdIds = new String[MAX_COMMANDS];
    private int count;
    private int end;

    /**
     * @return whether another command of up to {@code maxLength} bytes fits: if not, flush first.
     */
    boolean hasRoom(final int maxLength)
    {
        return count < MAX_COMMANDS && end + maxLength <= COMMAND_BYTES;
    }

    /**
     * @return where the next command is to be encoded in {@link #commands}.
     */
    int nextOffset()
    {
        return end;
    }

    /**
     * Take the command just encoded at {@link #nextOffset()}; its order log record is already in {@link #log}.
     *
     * @param subject       the order (NEW) or the request (REPLACE, CANCEL).
     * @param clOrdIdHash   the hash of the ClOrdID the command registered for its session.
     * @param origClOrdId   the OrigClOrdID of a REPLACE or CANCEL as received, otherwise null.
     */
    void add(
        final byte kind, final int length, final int msgSeqNum, final long clOrdIdHash, final Object subject,
        final String origClOrdId)
    {
        kinds[count] = kind;
        offsets[count] = end;
        lengths[count] = length;
        msgSeqNums[count] = msgSeqNum;
        clOrdIdHashes[count] = clOrdIdHash;
        subjects[count] = subject;
        origClOrdIds[count] = origClOrdId;
        count++;
        end += length;
    }

    int count()
    {
        return count;
    }

    byte kind(final int index)
    {
        return kinds[index];
    }

    int offset(final int index)
    {
        return offsets[index];
    }

    int length(final int index)
    {
        return lengths[index];
    }

    int msgSeqNum(final int index)
    {
        return msgSeqNums[index];
    }

    long clOrdIdHash(final int index)
    {
        return clOrdIdHashes[index];
    }

    Object subject(final int index)
    {
        return subjects[index];
    }

    String origClOrdId(final int index)
    {
        return origClOrdIds[index];
    }

    /**
     * Forget the batch, its references too.
     */
    void clear()
    {
        for (int i = 0; i < count; i++)
        {
            subjects[i] = null;
            origClOrdIds[i] = null;
        }
        count = 0;
        end = 0;
        log.clear();
    }
}
