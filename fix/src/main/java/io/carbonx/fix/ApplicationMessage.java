package io.carbonx.fix;

import io.carbonx.fix.codec.FixLogText;
import io.carbonx.fix.codec.FixMessageWriter;
import io.carbonx.fix.codec.MsgTypes;

import java.util.Arrays;

/**
 * An outbound application message: a MsgType and its body fields already encoded, immutable so it
 * can be handed from the engine's thread to a session's event loop. The session adds the header
 * (CompIDs, MsgSeqNum, SendingTime) and the trailer.
 */
public final class ApplicationMessage
{
    private static final int[] HEADER_AND_TRAILER_TAGS = {8, 9, 10, 34, 35, 43, 49, 52, 56, 97, 122};

    private final String msgType;
    private final byte[] body;

    private ApplicationMessage(final String msgType, final byte[] body)
    {
        this.msgType = msgType;
        this.body = body;
    }

    public static Builder builder(final String msgType)
    {
        return new Builder(msgType);
    }

    public String msgType()
    {
        return msgType;
    }

    /** Appends the encoded body fields to a message the session has begun. */
    public void appendBodyTo(final FixMessageWriter writer)
    {
        writer.addEncoded(body, 0, body.length);
    }

    @Override
    public String toString()
    {
        return "35=" + msgType + "|" + FixLogText.render(body, 0, body.length);
    }

    /**
     * Encodes body fields in the order they are added. Numbers and single characters are written
     * straight into the buffer: reports are built for every event, so only the message itself is
     * allocated.
     */
    public static final class Builder
    {
        /** Digits of a long, its sign and a decimal point. */
        private static final int MAX_DECIMAL_LENGTH = 21;
        private static final int MAX_SCALE = 18;

        private final String msgType;
        private final byte[] digits = new byte[MAX_DECIMAL_LENGTH];
        private byte[] bytes = new byte[256];
        private int length;

        private Builder(final String msgType)
        {
            MsgTypes.key(msgType);
            switch (msgType)
            {
                case "0", "1", "2", "3", "4", "5", "A" ->
                        throw new IllegalArgumentException("Session messages are the session's own: 35=" + msgType);
                default -> this.msgType = msgType;
            }
        }

        public Builder add(final int tag, final CharSequence value)
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

        public Builder add(final int tag, final long value)
        {
            return addScaled(tag, value, 0);
        }

        public Builder add(final int tag, final char value)
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
        public Builder addScaled(final int tag, final long unscaled, final int scale)
        {
            if (scale < 0 || scale > MAX_SCALE)
            {
                throw new IllegalArgumentException("Scale " + scale + " is outside 0.." + MAX_SCALE);
            }
            if (unscaled == Long.MIN_VALUE)
            {
                // the one long without a positive counterpart, never a price or quantity
                return add(tag, java.math.BigDecimal.valueOf(unscaled, scale).toPlainString());
            }
            checkTag(tag);
            tag(tag);
            putDecimal(unscaled, scale);
            put((byte) 1);
            return this;
        }

        public ApplicationMessage build()
        {
            return new ApplicationMessage(msgType, Arrays.copyOf(bytes, length));
        }

        private void checkTag(final int tag)
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
            } while (rest != 0);
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
            if (length == bytes.length)
            {
                bytes = Arrays.copyOf(bytes, length * 2);
            }
            bytes[length++] = b;
        }
    }
}
