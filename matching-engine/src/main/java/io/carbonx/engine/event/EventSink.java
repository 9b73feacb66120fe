package io.carbonx.engine.event;

import org.agrona.MutableDirectBuffer;

/**
 * Where the state machine publishes events: claim a buffer, encode one SBE event at offset 0, then publish its length.
 * <p>
 * The claim/publish pair lets an implementation hand out a slot of a ring buffer, so encoding an event copies nothing
 * and allocates nothing.
 */
public interface EventSink
{
    /**
     * Maximum length of one encoded event, header included.
     */
    int MAX_EVENT_LENGTH = 256;

    /**
     * @return a buffer of at least {@link #MAX_EVENT_LENGTH} bytes to encode the next event into, at offset 0.
     */
    MutableDirectBuffer claim();

    /**
     * Publish the event encoded into the buffer returned by the last {@link #claim()}.
     *
     * @param length of the encoded event, header included.
     */
    void publish(int length);
}
