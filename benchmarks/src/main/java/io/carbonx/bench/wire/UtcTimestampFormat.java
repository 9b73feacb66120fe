package io.carbonx.bench.wire;

import io.carbonx.fix.codec.UtcTimestamps;

/**
 * Formats epoch milliseconds as a FIX UTCTimestamp, {@code yyyyMMdd-HH:mm:ss.SSS}, into a reused 21-byte array with
 * the gateway's own formatter, and formats again only when the millisecond changes.
 */
final class UtcTimestampFormat
{
    private final byte[] text = new byte[UtcTimestamps.MILLIS_LENGTH];
    private long formattedMillis = Long.MIN_VALUE;

    /**
     * @return the text of {@code epochMillis}, valid until the next call.
     */
    byte[] format(final long epochMillis)
    {
        if (epochMillis != formattedMillis)
        {
            formattedMillis = epochMillis;
            UtcTimestamps.formatMillis(epochMillis, text, 0);
        }
        return text;
    }
}
