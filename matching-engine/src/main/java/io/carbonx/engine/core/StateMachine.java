package io.carbonx.engine.core;

import io.carbonx.engine.event.EventSink;

import org.agrona.DirectBuffer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The deterministic core: applies one sequenced, SBE-encoded command at a time and reports what happened as events.
 * <p>
 * Implementations are single-threaded and never read a clock or a random source, so applying the same commands
 * in the same order to the same starting state yields the same events and the same {@link #stateHash()}.
 */
public interface StateMachine
{
    /**
     * Apply one command.
     *
     * @param sequence the command's position in the journal; repeated in every event it causes.
     * @param buffer   holding the command, starting with the SBE message header.
     * @param offset   of the message header in the buffer.
     * @param length   of the command including its header.
     * @param events   where the events caused by the command are published, in order.
     */
    void apply(long sequence, DirectBuffer buffer, int offset, int length, EventSink events);

    /**
     * A digest of the whole state: two machines with equal hashes hold the same registry, books and clearing state.
     */
    long stateHash();

    /**
     * The sequence of the last command applied, or -1 if none has been.
     */
    long lastAppliedSequence();

    /**
     * Write the whole state so that {@link #readSnapshot(DataInput)} on a fresh machine restores it exactly.
     */
    void writeSnapshot(DataOutput out) throws IOException;

    /**
     * Replace this machine's state by a snapshot written by {@link #writeSnapshot(DataOutput)}.
     */
    void readSnapshot(DataInput in) throws IOException;
}
