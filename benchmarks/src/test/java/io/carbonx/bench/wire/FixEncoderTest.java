package io.carbonx.bench.wire;

import org.junit.jupiter.api.Test;
import quickfix.DataDictionary;
import quickfix.Message;
import quickfix.ValidationSettings;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the generator writes is valid FIX 4.4 to QuickFIX/J: BodyLength, CheckSum, required fields and timestamps.
 */
class FixEncoderTest
{
    private static final DateTimeFormatter FIX_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final FixEncoder encoder = new FixEncoder("BENCH", "CARBONX", "CEA-2025");
    private final byte[] out = new byte[FixEncoder.MAX_MESSAGE_LENGTH];
    private final byte[] time = new UtcTimestampFormat().format(1_763_700_000_123L);

    @Test
    void aNewOrderIsValidFix44() throws Exception
    {
        final Message message = parse(encoder.newOrder(out, 0, 12_345, time, 987_654, 1002, OrderFlow.BUY, 7, 9_205));
        assertEquals("D", message.getHeader().getString(35));
        assertEquals(12_345, message.getHeader().getInt(34));
        assertEquals("987654", message.getString(11));
        assertEquals("1002", message.getString(1));
        assertEquals('1', message.getChar(54));
        assertEquals("92.05", message.getString(44));
        assertEquals(7, message.getInt(38));
        assertEquals("20251121-04:40:00.123", message.getHeader().getString(52));
        assertEquals(message.getHeader().getString(52), message.getString(60));
    }

    @Test
    void aCancelIsValidFix44() throws Exception
    {
        final Message message = parse(encoder.cancel(out, 0, 3, time, 60, 11, 1001, OrderFlow.SELL, 4));
        assertEquals("F", message.getHeader().getString(35));
        assertEquals("60", message.getString(11));
        assertEquals("11", message.getString(41));
        assertEquals('2', message.getChar(54));
    }

    @Test
    void timestampsMatchJavaTime()
    {
        final UtcTimestampFormat format = new UtcTimestampFormat();
        final long[] samples = {0L, 951_782_400_000L, 1_709_251_199_999L, 4_102_444_800_001L, 1_763_700_000_123L};
        for (final long millis : samples)
        {
            assertEquals(FIX_TIME.format(Instant.ofEpochMilli(millis)), new String(format.format(millis), US_ASCII));
        }
    }

    private Message parse(final int length) throws Exception
    {
        final DataDictionary dictionary = new DataDictionary("FIX44.xml");
        final ValidationSettings settings = new ValidationSettings();
        final Message message = new Message(new String(out, 0, length, US_ASCII), dictionary, settings, true);
        dictionary.validate(message, settings);
        return message;
    }
}
