package io.carbonx.fix;

import io.carbonx.fix.codec.FixLogText;
import io.carbonx.fix.codec.MsgTypes;
import org.agrona.DirectBuffer;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The MsgType and body fields of one outbound application message, encoded in the order they are added into a buffer
 * that is reused from one message to the next: a producer that reports on every event keeps one and allocates nothing
 * once the buffer has grown to its largest message. The session adds the header (CompIDs, MsgSeqNum, SendingTime) and
 * the trailer; see {@link FixSession#offer}.
 * <p>
 * Not thread-safe: one instance per producing thread.
 */
public final class MessageBody
{
    private static final int[] HEADER_AND_TRAILER_TAGS = {8, 9, 10, 34, 35, 43, 49, 52, 56, 97, 122};
    /** Digits of a long, its sign and a decimal point. */
    private static final int MAX_DECIMAL_LENGTH = 21;
    private static final int MAX_SCALE = 18;

    private final byte[] digits = new byte[MAX_DECIMAL_LENGTH];
    private byte[] bytes = new byte[256];
    private int length;
    private String msgType;

    /**
     * Starts a message of this type, forgetting the previous one.
     *
     * @throws IllegalArgumentException for a session-level type (0, 1, 2, 3, 4, 5, A): those are the session's own.
     */
    public MessageBody reset(final String type)
    {
        MsgTypes.key(type);
        switch (type)
        {
            case "0", "1", "2", "3", "4", "5", "A" ->
                throw new IllegalArgumentException("Session messages are the session's own: 35=" + type);
            default -> msgType = type;
        }
        length = 0;
        return this;
    }

    public MessageBody add(final int tag, final CharSequence value)
    {
        checkTag(tag);
        if (value.length() == 0)
        {
            throw new IllegalArgumentException("FIX forbids empty values (tag " + tag + ")");
        }
        tag(tag);
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '\u0001' || c > 0xFF)
            {
                throw new IllegalArgumentException("Tag " + tag + " value is not ISO-8859-1 text without SOH");
            }
            put((byte) c);
        }
        put((byte) 1);
        return this;
    }

    /** A value given as bytes, e.g. a ClOrdID kept as received. */
    public MessageBody add(final int tag, final DirectBuffer value, final int offset, final int valueLength)
    {
        checkTag(tag);
        if (valueLength == 0)
        {
            throw new IllegalArgumentException("FIX forbids empty values (tag " + tag + ")");
        }
        tag(tag);
        ensure(valueLength + 1);
        value.getBytes(offset, bytes, length, valueLength);
        for (int i = length; i < length + valueLength; i++)
        {
            if (bytes[i] == 1)
            {
                throw new IllegalArgumentException("Tag " + tag + " value contains SOH");
            }
        }
        length += valueLength;
        put((byte) 1);
        return this;
    }

    public MessageBody add(final int tag, final long value)
    {
        return addScaled(tag, value, 0);
    }

    public MessageBody add(final int tag, final char value)
    {
        checkTag(tag);
        if (value == '\u0001' || value > 0xFF)
        {
            throw new IllegalArgumentException("Tag " + tag + " value is not ISO-8859-1 text without SOH");
        }
        tag(tag);
        put((byte) value);
        put((byte) 1);
        return this;
    }

    /** A fixed-point value with {@code scale} decimal places, e.g. a price in hundredths with scale 2. */
    public MessageBody addScaled(final int tag, final long unscaled, final int scale)
    {
        if (scale < 0 || scale > MAX_SCALE)
        {
            throw new IllegalArgumentException("Scale " + scale + " is outside 0.." + MAX_SCALE);
        }
        if (unscaled == Long.MIN_VALUE)
        {
            // the one long without a positive counterpart, never a price or quantity
            return add(tag, BigDecimal.valueOf(unscaled, scale).toPlainString());
        }
        checkTag(tag);
        tag(tag);
        putDecimal(unscaled, scale);
        put((byte) 1);
        return this;
    }

    /** The MsgType of the message being built, or null before the first {@link #reset}. */
    public String msgType()
    {
        return msgType;
    }

    /** The encoded {@code tag=value<SOH>} fields, from offset 0 to {@link #length()}. */
    public byte[] buffer()
    {
        return bytes;
    }

    public int length()
    {
        return length;
    }

    /** A copy, for a sender that keeps the message (allocates). */
    public ApplicationMessage toMessage()
    {
        return ApplicationMessage.of(msgType, Arrays.copyOf(bytes, length));
    }

    @Override
    public String toString()
    {
        return "35=" + msgType + "|" + FixLogText.render(bytes, 0, length);
    }

    private static void checkTag(final int tag)
    {
        if (tag <= 0)
        {
            throw new IllegalArgumentException("Invalid tag " + tag);
        }
        for (final int t : HEADER_AND_TRAILER_TAGS)
        {
            if (t == tag)
            {
                throw new IllegalArgumentException("Tag " + tag + " is set by the session");
            }
        }
    }

    private void tag(final int tag)
    {
        putDecimal(tag, 0);
        put((byte) '=');
    }

    /** As BigDecimal.valueOf(value, scale).toPlainString() writes it, for any value but Long.MIN_VALUE. */
    private void putDecimal(final long value, final int scale)
    {
        long rest = Math.abs(value);
        int count = 0;
        for (int i = 0; i < scale; i++)
        {
            digits[count++] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        if (scale > 0)
        {
            digits[count++] = '.';
        }
        do
        {
            digits[count++] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        while (rest != 0);
        if (value < 0)
        {
            digits[count++] = '-';
        }
        while (count > 0)
        {
            put(digits[--count]);
        }
    }

    private void put(final byte b)
    {
        ensure(1);
        bytes[length++] = b;
    }

    private void ensure(final int extra)
    {
        if (length + extra > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }
}
