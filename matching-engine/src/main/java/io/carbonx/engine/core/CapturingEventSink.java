package io.carbonx.engine.core;

import io.carbonx.engine.event.EventSink;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * Collects the events of one command, back to back in one growing buffer, for a state machine applied outside the
 * engine's pipeline.
 */
public final class CapturingEventSink implements EventSink
{
    private final ExpandableArrayBuffer events = new ExpandableArrayBuffer(4096);
    private final ExpandableArrayBuffer claimed = new ExpandableArrayBuffer(MAX_EVENT_LENGTH);
    private int[] offsets = new int[64];
    private int count;
    private int end;

    public void clear()
    {
        count = 0;
        end = 0;
    }

    @Override
    public MutableDirectBuffer claim()
    {
        return claimed;
    }

    @Override
    public void publish(final int length)
    {
        if (count == offsets.length)
        {
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        events.putBytes(end, claimed, 0, length);
        offsets[count++] = end;
        end += length;
    }

    public int count()
    {
        return count;
    }

    public MutableDirectBuffer buffer()
    {
        return events;
    }

    public int offset(final int index)
    {
        return offsets[index];
    }
}
