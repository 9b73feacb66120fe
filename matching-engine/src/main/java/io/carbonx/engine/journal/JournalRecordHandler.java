package io.carbonx.engine.journal;

import org.agrona.DirectBuffer;

/**
 * Receives the commands read back from a journal, in sequence order. The buffer is only valid during the call.
 */
@FunctionalInterface
public interface JournalRecordHandler
{
    void onRecord(long sequence, DirectBuffer buffer, int offset, int length);
}
