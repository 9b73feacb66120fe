package io.carbonx.fix.codec;

import org.agrona.DirectBuffer;

import java.util.Arrays;

/**
 * Builds one outbound FIX 4.4 message at a time in a reused byte array: the caller appends the
 * fields from MsgType on, {@link #finish()} frames them with BeginString, BodyLength and CheckSum.
 * One instance per thread; nothing is allocated once the array has grown to the largest message.
 */
public final class FixMessageWriter
{
    private static final byte[] BEGIN_STRING = "8=FIX.4.4\u00019=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** BeginString, BodyLength of up to 7 digits and its delimiter. */
    private static final int PREFIX_SPACE = BEGIN_STRING.length + 8;

    private byte[] frame = new byte[1024];
    private int bodyEnd;
    private int frameStart;
    private int frameEnd;

    /** Starts a message: clears the previous one and writes MsgType. */
    public FixMessageWriter begin(final CharSequence msgType)
    {
        bodyEnd = PREFIX_SPACE;
        frameStart = frameEnd = 0;
        return add(FixTags.MSG_TYPE, msgType);
    }

    /** Starts a message whose MsgType is these ASCII bytes, e.g. as queued by another thread. */
    public FixMessageWriter begin(final DirectBuffer msgType, final int offset, final int length)
    {
        bodyEnd = PREFIX_SPACE;
        frameStart = frameEnd = 0;
        ensure(length + 12);
        int p = tag(FixTags.MSG_TYPE);
        msgType.getBytes(offset, frame, p, length);
        p += length;
        frame[p++] = FixMessage.SOH;
        bodyEnd = p;
        return this;
    }

    public FixMessageWriter add(final int tag, final CharSequence value)
    {
        final int len = value.length();
        ensure(len + 12);
        int p = tag(tag);
        for (int i = 0; i < len; i++)
        {
            frame[p++] = (byte) value.charAt(i);
        }
        frame[p++] = FixMessage.SOH;
        bodyEnd = p;
        return this;
    }

    public FixMessageWriter add(final int tag, final long value)
    {
        ensure(32);
        int p = tag(tag);
        p = writeLong(value, p);
        frame[p++] = FixMessage.SOH;
        bodyEnd = p;
        return this;
    }

    public FixMessageWriter add(final int tag, final char value)
    {
        ensure(12);
        int p = tag(tag);
        frame[p++] = (byte) value;
        frame[p++] = FixMessage.SOH;
        bodyEnd = p;
        return this;
    }

    public FixMessageWriter add(final int tag, final byte[] value, final int offset, final int length)
    {
        ensure(length + 12);
        int p = tag(tag);
        System.arraycopy(value, offset, frame, p, length);
        p += length;
        frame[p++] = FixMessage.SOH;
        bodyEnd = p;
        return this;
    }

    public FixMessageWriter add(final int tag, final byte[] value)
    {
        return add(tag, value, 0, value.length);
    }

    public FixMessageWriter addTimestamp(final int tag, final long epochMillis)
    {
        ensure(UtcTimestamps.MILLIS_LENGTH + 12);
        int p = tag(tag);
        p = UtcTimestamps.formatMillis(epochMillis, frame, p);
        frame[p++] = FixMessage.SOH;
        bodyEnd = p;
        return this;
    }

    /** Appends already encoded {@code tag=value<SOH>} fields. */
    public FixMessageWriter addEncoded(final byte[] fields, final int offset, final int length)
    {
        ensure(length);
        System.arraycopy(fields, offset, frame, bodyEnd, length);
        bodyEnd += length;
        return this;
    }

    /** Appends already encoded {@code tag=value<SOH>} fields from a buffer. */
    public FixMessageWriter addEncoded(final DirectBuffer fields, final int offset, final int length)
    {
        ensure(length);
        fields.getBytes(offset, frame, bodyEnd, length);
        bodyEnd += length;
        return this;
    }

    /** Frames the message; {@link #buffer()}, {@link #frameOffset()} and {@link #frameLength()} then give it. */
    public FixMessageWriter finish()
    {
        final int bodyLength = bodyEnd - PREFIX_SPACE;
        final int lengthDigits = digitCount(bodyLength);
        frameStart = PREFIX_SPACE - 1 - lengthDigits - BEGIN_STRING.length;
        System.arraycopy(BEGIN_STRING, 0, frame, frameStart, BEGIN_STRING.length);
        writeLong(bodyLength, PREFIX_SPACE - 1 - lengthDigits);
        frame[PREFIX_SPACE - 1] = FixMessage.SOH;
        int sum = 0;
        for (int i = frameStart; i < bodyEnd; i++)
        {
            sum += frame[i];
        }
        sum &= 0xFF;
        ensure(8);
        int p = bodyEnd;
        frame[p++] = '1';
        frame[p++] = '0';
        frame[p++] = '=';
        frame[p++] = (byte) ('0' + sum / 100);
        frame[p++] = (byte) ('0' + sum / 10 % 10);
        frame[p++] = (byte) ('0' + sum % 10);
        frame[p++] = FixMessage.SOH;
        frameEnd = p;
        return this;
    }

    public byte[] buffer()
    {
        return frame;
    }

    public int frameOffset()
    {
        return frameStart;
    }

    public int frameLength()
    {
        return frameEnd - frameStart;
    }

    private int tag(final int tag)
    {
        int p = writeLong(tag, bodyEnd);
        frame[p++] = '=';
        return p;
    }

    private int writeLong(final long initialValue, final int initialP)
    {
        long value = initialValue;
        int p = initialP;
        if (value < 0)
        {
            frame[p++] = '-';
            value = -value;
        }
        final int digits = digitCount(value);
        for (int i = p + digits - 1; i >= p; i--)
        {
            frame[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return p + digits;
    }

    private static int digitCount(final long initialValue)
    {
        long value = initialValue;
        int digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }
        return digits;
    }

    private void ensure(final int extra)
    {
        if (bodyEnd + extra > frame.length)
        {
            frame = Arrays.copyOf(frame, Math.max(frame.length * 2, bodyEnd + extra));
        }
    }
}
