package io.carbonx.engine.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.NavigableSet;

/**
 * Moves a tailer straight to the document holding the record of a sequence, so that reading after a snapshot costs
 * the records after it, not the whole journal.
 * <p>
 * A Chronicle index is a roll cycle (one file) and the position of a document within it, dense from 0 within a cycle.
 * Journal sequences are dense too, and each document holds a batch of at least one record, so within one cycle the
 * first sequences of the documents rise with their positions, and the document holding sequence {@code s} is at a
 * position no greater than {@code s - first}, where {@code first} is the sequence of the cycle's first record.
 * Seeking reads the first record of each cycle from the newest back until one starts at or before the sequence (one
 * record per day of journal, a few in practice), then searches the cycle's positions by halving, reading each probed
 * document's first record: about 20 records for a million batches in a day. The document found is checked by the
 * caller like any other: a journal that does not hold the sequence where expected is read from its start instead,
 * which is correct, only slow. Owned by the thread that reads with it.
 */
final class JournalSeek
{
    private static final long ABSENT = Long.MAX_VALUE;

    private final SingleChronicleQueue queue;
    private final RecordDecoder decoder;
    private long recordsRead;

    JournalSeek(final SingleChronicleQueue queue, final RecordDecoder decoder)
    {
        this.queue = queue;
        this.decoder = decoder;
    }

    /**
     * Move the tailer to the document holding the record of a sequence, so that its next read returns that document.
     *
     * @return whether the tailer is now at that document; if not, its position is undefined and the caller reads from
     *         the start instead.
     */
    boolean toDocumentOf(final ExcerptTailer tailer, final long sequence)
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
            final int cycleNumber = cycle.intValue();
            final long firstSequence = firstSequenceAt(tailer, rollCycle.toIndex(cycleNumber, 0));
            if (firstSequence <= sequence)
            {
                final long highest = Math.min(sequence - firstSequence, rollCycle.maxMessagesPerCycle() - 1);
                final long position = lastPositionStartingAtOrBefore(tailer, rollCycle, cycleNumber, highest, sequence);
                return tailer.moveToIndex(rollCycle.toIndex(cycleNumber, position));
            }
        }
        return false;
    }

    /**
     * @return the greatest position in {@code [0, highest]} of the cycle whose document exists and starts at or before
     *         the sequence; position 0 is known to.
     */
    private long lastPositionStartingAtOrBefore(
        final ExcerptTailer tailer, final RollCycle rollCycle, final int cycle, final long highest, final long sequence)
    {
        if (firstSequenceAt(tailer, rollCycle.toIndex(cycle, highest)) <= sequence)
        {
            return highest; // one record per document from the cycle's start: a journal written before batches
        }
        long low = 0;
        long high = highest - 1;
        while (low < high)
        {
            final long middle = (low + high + 1) >>> 1;
            if (firstSequenceAt(tailer, rollCycle.toIndex(cycle, middle)) <= sequence)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        return low;
    }

    /**
     * @return the sequence of the first record of the document at an index, or {@link #ABSENT} if there is no
     *         complete document there.
     */
    private long firstSequenceAt(final ExcerptTailer tailer, final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            return ABSENT;
        }
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return ABSENT;
            }
            recordsRead++;
            decoder.wrap(document, RecordDecoder.NONE);
            return decoder.next(RecordDecoder.NONE);
        }
    }

    /**
     * @return how many records seeking has read, to find where cycles and documents start.
     */
    long recordsRead()
    {
        return recordsRead;
    }
}
