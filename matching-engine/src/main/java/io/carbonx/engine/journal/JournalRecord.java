package io.carbonx.engine.journal;

/**
 * Layout of one journal record, little-endian; a Chronicle Queue document holds a batch of them back to back:
 * <pre>
 *   0  int64  sequence of the command
 *   8  int32  length of the command
 *  12  int32  CRC32C of the sequence, the length and the command (bytes 0 to 12 and the command)
 *  16  bytes  the SBE-encoded command, message header included
 * </pre>
 * The length repeats what Chronicle knows about the document so that a record that does not add up is detected
 * when it is read rather than applied; the checksum catches a record whose bytes changed on disk, which would
 * otherwise replay into a state that never existed. Format 3: a batch of records per document (format 2 journals, one
 * record per document, read as batches of one); format 1 (no checksum) journals are not readable.
 */
final class JournalRecord
{
    static final int SEQUENCE_OFFSET = 0;
    static final int LENGTH_OFFSET = 8;
    static final int CHECKSUM_OFFSET = 12;
    static final int COMMAND_OFFSET = 16;

    private JournalRecord()
    {
    }
}
