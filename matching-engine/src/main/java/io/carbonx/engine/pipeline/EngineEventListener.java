package io.carbonx.engine.pipeline;

import org.agrona.DirectBuffer;

/**
 * Consumes the events leaving the engine: gateway responders, market data, event journals. Each listener runs on a
 * thread of its own and sees every event, in order, only once the command that caused it is in the journal.
 * <p>
 * A slow listener holds the business logic back once the outbound ring is full; a listener that throws has the
 * exception logged and receives the next event, so one broken consumer does not stop the others.
 */
@FunctionalInterface
public interface EngineEventListener
{
    /**
     * One SBE-encoded event. The buffer is only valid during the call.
     *
     * @param buffer          holding the event, starting with its message header.
     * @param offset          of the event in the buffer.
     * @param length          of the event, header included.
     * @param commandSequence of the command that caused the event.
     */
    void onEvent(DirectBuffer buffer, int offset, int length, long commandSequence);

    /**
     * Called after the last event currently available: the moment to flush what was buffered.
     */
    default void onEndOfBatch()
    {
    }

    /**
     * @return a short name for the listener's thread and logs.
     */
    default String roleName()
    {
        return "listener";
    }
}
