package io.carbonx.gateway.fix;

import io.carbonx.gateway.fix.codec.FixMessageWriter;
import io.carbonx.gateway.fix.codec.MsgTypes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An outbound application message: a MsgType and its body fields already encoded, immutable so it
 * can be handed from the engine's thread to a session's event loop. The session adds the header
 * (CompIDs, MsgSeqNum, SendingTime) and the trailer.
 */
public final class ApplicationMessage {
    private static final int[] HEADER_AND_TRAILER_TAGS = {8, 9, 10, 34, 35, 43, 49, 52, 56, 97, 122};

    private final String msgType;
    private final byte[] body;

    private ApplicationMessage(String msgType, byte[] body) {
        this.msgType = msgType;
        this.body = body;
    }

    public static Builder builder(String msgType) {
        return new Builder(msgType);
    }

    public String msgType() {
        return msgType;
    }

    /** Appends the encoded body fields to a message the session has begun. */
    public void appendBodyTo(FixMessageWriter writer) {
        writer.addEncoded(body, 0, body.length);
    }

    @Override
    public String toString() {
        return "35=" + msgType + "|" + new String(body, StandardCharsets.ISO_8859_1).replace('\u0001', '|');
    }

    /** Encodes body fields in the order they are added. */
    public static final class Builder {
        private final String msgType;
        private byte[] bytes = new byte[256];
        private int length;

        private Builder(String msgType) {
            MsgTypes.key(msgType);
            switch (msgType) {
                case "0", "1", "2", "3", "4", "5", "A" ->
                        throw new IllegalArgumentException("Session messages are the session's own: 35=" + msgType);
                default -> this.msgType = msgType;
            }
        }

        public Builder add(int tag, CharSequence value) {
            checkTag(tag);
            if (value.length() == 0) {
                throw new IllegalArgumentException("FIX forbids empty values (tag " + tag + ")");
            }
            tag(tag);
            for (int i = 0; i < value.length(); i++) {
                final char c = value.charAt(i);
                if (c == '\u0001' || c > 0xFF) {
                    throw new IllegalArgumentException("Tag " + tag + " value is not ISO-8859-1 text without SOH");
                }
                put((byte) c);
            }
            put((byte) 1);
            return this;
        }

        public Builder add(int tag, long value) {
            return add(tag, Long.toString(value));
        }

        public Builder add(int tag, char value) {
            return add(tag, String.valueOf(value));
        }

        /** A fixed-point value with {@code scale} decimal places, e.g. a price in hundredths with scale 2. */
        public Builder addScaled(int tag, long unscaled, int scale) {
            return add(tag, java.math.BigDecimal.valueOf(unscaled, scale).toPlainString());
        }

        public ApplicationMessage build() {
            return new ApplicationMessage(msgType, Arrays.copyOf(bytes, length));
        }

        private void checkTag(int tag) {
            if (tag <= 0) {
                throw new IllegalArgumentException("Invalid tag " + tag);
            }
            for (int t : HEADER_AND_TRAILER_TAGS) {
                if (t == tag) {
                    throw new IllegalArgumentException("Tag " + tag + " is set by the session");
                }
            }
        }

        private void tag(int tag) {
            final String digits = Integer.toString(tag);
            for (int i = 0; i < digits.length(); i++) {
                put((byte) digits.charAt(i));
            }
            put((byte) '=');
        }

        private void put(byte b) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, length * 2);
            }
            bytes[length++] = b;
        }
    }
}
