package io.carbonx.engine.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.NavigableSet;

/**
 * Moves a tailer straight to the record of a sequence, so that reading after a snapshot costs the records after it,
 * not the whole journal.
 * <p>
 * A Chronicle index is a roll cycle (one file) and the position of the record within it, dense from 0 within a cycle.
 * Journal sequences are dense too, so within one cycle the record of sequence {@code s} is at position
 * {@code s - first}, where {@code first} is the sequence of the cycle's first record. Seeking reads the first record of
 * each cycle from the newest back until one starts at or before the sequence (one record per day of journal, a few
 * in practice), then moves to the computed index. The record found there is checked by the caller like any other: a
 * journal that does not hold the sequence where expected is read from its start instead, which is correct, only slow.
 * Owned by the thread that reads with it.
 */
final class JournalSeek
{
    private final SingleChronicleQueue queue;
    private final RecordDecoder decoder;
    private long recordsRead;

    JournalSeek(final SingleChronicleQueue queue, final RecordDecoder decoder)
    {
        this.queue = queue;
        this.decoder = decoder;
    }

    /**
     * Move the tailer just past the record of a sequence, so that its next read returns the record after it. The
     * record is read to check that it is the one sought.
     *
     * @return whether the tailer is now past that record; if not, its position is undefined and the caller reads from
     *         the start instead.
     */
    boolean past(final ExcerptTailer tailer, final long sequence)
    {
        if (!toRecordOf(tailer, sequence))
        {
            return false;
        }
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return false;
            }
            recordsRead++;
            return decoder.wrap(document, RecordDecoder.NONE) == sequence;
        }
    }

    private boolean toRecordOf(final ExcerptTailer tailer, final long sequence)
    {
        final int lastCycle = queue.lastCycle();
        if (sequence < 0 || lastCycle < 0)
        {
            return false;
        }
        final RollCycle rollCycle = queue.rollCycle();
        final NavigableSet<Long> cycles = queue.listCyclesBetween(queue.firstCycle(), lastCycle);
        for (final Long cycle : cycles.descendingSet())
        {
            if (!tailer.moveToIndex(rollCycle.toIndex(cycle.intValue(), 0)))
            {
                continue; // a cycle file with no complete record yet
            }
            final long firstSequence;
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    continue;
                }
                recordsRead++;
                firstSequence = decoder.wrap(document, RecordDecoder.NONE);
            }
            if (firstSequence <= sequence)
            {
                final long position = sequence - firstSequence;
                return position < rollCycle.maxMessagesPerCycle() &&
                    tailer.moveToIndex(rollCycle.toIndex(cycle.intValue(), position));
            }
        }
        return false;
    }

    /**
     * @return how many records seeking has read, to find the first sequence of a cycle.
     */
    long recordsRead()
    {
        return recordsRead;
    }
}
