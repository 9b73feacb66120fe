package io.carbonx.engine.pipeline;

import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a copy of every event it receives, for assertions. Thread-safe.
 */
public final class CapturingListener implements EngineEventListener
{
    /**
     * One event as it left the engine.
     */
    public record Event(long commandSequence, int templateId, byte[] bytes)
    {
    }

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(final DirectBuffer buffer, final int offset, final int length,
        final long commandSequence)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        header.wrap(buffer, offset);
        events.add(new Event(commandSequence, header.templateId(), bytes));
        notifyAll();
    }

    @Override
    public String roleName()
    {
        return "capture";
    }

    public synchronized List<Event> events()
    {
        return new ArrayList<>(events);
    }

    public synchronized int count()
    {
        return events.size();
    }

    /**
     * Wait until at least this many events have arrived.
     */
    public synchronized void awaitCount(final int count, final Duration timeout) throws InterruptedException
    {
        final long deadlineMs = System.currentTimeMillis() + timeout.toMillis();
        while (events.size() < count)
        {
            final long remainingMs = deadlineMs - System.currentTimeMillis();
            if (remainingMs <= 0)
            {
                throw new AssertionError("expected " + count + " events within " + timeout + ", got " + events.size());
            }
            wait(remainingMs);
        }
    }
}
