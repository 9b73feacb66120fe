package io.carbonx.engine.pipeline;

import io.carbonx.engine.event.EventSink;
import io.carbonx.engine.core.StateMachine;
import org.agrona.DirectBuffer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Wraps a state machine to record which sequences were applied, on which thread, and the commands' bytes; can be told
 * to throw on some sequences.
 */
final class RecordingStateMachine implements StateMachine
{
    record Applied(long sequence, String thread, byte[] command)
    {
    }

    private final StateMachine delegate;
    private final LongPredicate throwOn;
    private final List<Applied> applied = new ArrayList<>();

    RecordingStateMachine(final StateMachine delegate)
    {
        this(delegate, sequence -> false);
    }

    RecordingStateMachine(final StateMachine delegate, final LongPredicate throwOn)
    {
        this.delegate = delegate;
        this.throwOn = throwOn;
    }

    synchronized List<Applied> applied()
    {
        return new ArrayList<>(applied);
    }

    @Override
    public void apply(final long sequence, final DirectBuffer buffer, final int offset, final int length,
        final EventSink events)
    {
        final byte[] command = new byte[length];
        buffer.getBytes(offset, command);
        synchronized (this)
        {
            applied.add(new Applied(sequence, Thread.currentThread().getName(), command));
        }
        if (throwOn.test(sequence))
        {
            throw new IllegalStateException("told to throw on " + sequence);
        }
        delegate.apply(sequence, buffer, offset, length, events);
    }

    @Override
    public long stateHash()
    {
        return delegate.stateHash();
    }

    @Override
    public long lastAppliedSequence()
    {
        return delegate.lastAppliedSequence();
    }

    @Override
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        delegate.writeSnapshot(out);
    }

    @Override
    public void readSnapshot(final DataInput in) throws IOException
    {
        delegate.readSnapshot(in);
    }
}
