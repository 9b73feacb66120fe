package io.carbonx.fix;

import io.carbonx.fix.codec.FixLogText;
import io.carbonx.fix.codec.FixMessageWriter;
import org.agrona.MutableDirectBuffer;

/**
 * An outbound application message: a MsgType and its body fields already encoded, immutable so it
 * can be handed from the engine's thread to a session's event loop. The session adds the header
 * (CompIDs, MsgSeqNum, SendingTime) and the trailer.
 */
public final class ApplicationMessage
{
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

    /** A message of already encoded body fields, which it keeps: the caller must not change them. */
    static ApplicationMessage of(final String msgType, final byte[] body)
    {
        return new ApplicationMessage(msgType, body);
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

    public int bodyLength()
    {
        return body.length;
    }

    /** Copies the encoded body fields into a buffer, e.g. a session's outbound queue. */
    public void copyBodyTo(final MutableDirectBuffer buffer, final int index)
    {
        buffer.putBytes(index, body, 0, body.length);
    }

    @Override
    public String toString()
    {
        return "35=" + msgType + "|" + FixLogText.render(body, 0, body.length);
    }

    /**
     * Encodes body fields in the order they are added (see {@link MessageBody}) and makes an immutable message of them.
     */
    public static final class Builder
    {
        private final MessageBody body = new MessageBody();

        private Builder(final String msgType)
        {
            body.reset(msgType);
        }

        public Builder add(final int tag, final CharSequence value)
        {
            body.add(tag, value);
            return this;
        }

        public Builder add(final int tag, final long value)
        {
            body.add(tag, value);
            return this;
        }

        public Builder add(final int tag, final char value)
        {
            body.add(tag, value);
            return this;
        }

        /** A fixed-point value with {@code scale} decimal places, e.g. a price in hundredths with scale 2. */
        public Builder addScaled(final int tag, final long unscaled, final int scale)
        {
            body.addScaled(tag, unscaled, scale);
            return this;
        }

        public ApplicationMessage build()
        {
            return body.toMessage();
        }
    }
}
