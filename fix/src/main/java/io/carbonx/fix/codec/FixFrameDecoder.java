package io.carbonx.fix.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.util.List;

/**
 * Splits the TCP stream into FIX frames: {@code 8=FIX...<SOH>9=<len><SOH>} then {@code len} bytes
 * then {@code 10=nnn<SOH>}, with the CheckSum verified. Emits each frame as a {@link FixFrame}, one instance
 * reused for every frame (no allocation per message: a slice of the cumulation would be one object per message),
 * or a {@link FrameError} for bytes that cannot be a message: the FIX rule is
 * that a garbled message is ignored, and only the session knows whether that ends the connection. To let the reused
 * frame be consumed before the next is decoded, each call to decode emits at most one frame: the handler behind must
 * use it before returning. {@link #copying} makes a decoder that emits a new frame each time, for a consumer that
 * keeps them (tests on an EmbeddedChannel).
 *
 * <p>After a bad BodyLength the decoder resynchronises on the next {@code 8=FIX}. A frame whose
 * BodyLength exceeds the configured maximum raises {@link TooLongFrameException}: the peer is
 * either broken or hostile, so nothing after it can be trusted.
 * Used by its channel's event loop only.
 */
public final class FixFrameDecoder extends ByteToMessageDecoder
{
    private static final int NEED_MORE = -1;
    private static final int BAD_HEADER = -2;
    /** "8=FIX.4.4" plus "9=" and up to 7 digits with their delimiters. */
    private static final int MAX_PREFIX = 32;
    /** "10=nnn" and its delimiter. */
    private static final int TRAILER_LENGTH = 7;

    private final int maxMessageSize;
    /** The frame emitted every time, or null to emit a new one each time. */
    private final FixFrame reused;
    private int bodyStart;

    public FixFrameDecoder(final int maxMessageSize)
    {
        this(maxMessageSize, new FixFrame());
    }

    private FixFrameDecoder(final int maxMessageSize, final FixFrame reused)
    {
        this.maxMessageSize = maxMessageSize;
        this.reused = reused;
    }

    /** A decoder that emits a new {@link FixFrame} per frame (allocates), for a consumer that keeps them. */
    public static FixFrameDecoder copying(final int maxMessageSize)
    {
        return new FixFrameDecoder(maxMessageSize, null);
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        while (in.isReadable())
        {
            final int start = indexOfBeginString(in);
            if (start < 0)
            {
                // keep a tail that may be the first bytes of the next "8=FIX"
                final int discard = in.readableBytes() - 4;
                if (discard > 0)
                {
                    in.skipBytes(discard);
                    out.add(FrameError.GARBAGE);
                }
                return;
            }
            if (start > in.readerIndex())
            {
                in.readerIndex(start);
                out.add(FrameError.GARBAGE);
            }
            final int bodyLength = bodyLength(in, start);
            if (bodyLength == NEED_MORE)
            {
                return;
            }
            if (bodyLength == BAD_HEADER)
            {
                in.skipBytes(1);
                out.add(FrameError.BAD_HEADER);
                continue;
            }
            final int checksumStart = bodyStart + bodyLength;
            final int frameLength = checksumStart + TRAILER_LENGTH - start;
            if (frameLength > maxMessageSize)
            {
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("FIX message of " + frameLength + " bytes exceeds the limit of "
                        + maxMessageSize);
            }
            if (in.writerIndex() < start + frameLength)
            {
                return;
            }
            if (!isChecksumField(in, checksumStart) ||
                (bodyLength > 0 && in.getByte(checksumStart - 1) != FixMessage.SOH))
            {
                in.skipBytes(1);
                out.add(FrameError.BAD_BODY_LENGTH);
                continue;
            }
            final int declared = (in.getByte(checksumStart + 3) - '0') * 100
                    + (in.getByte(checksumStart + 4) - '0') * 10
                    + (in.getByte(checksumStart + 5) - '0');
            if (declared != checksum(in, start, checksumStart))
            {
                in.skipBytes(frameLength);
                out.add(FrameError.BAD_CHECKSUM);
                continue;
            }
            final FixFrame frame = reused != null ? reused : new FixFrame();
            frame.copyFrom(in, start, frameLength);
            in.skipBytes(frameLength);
            out.add(frame);
            if (reused != null)
            {
                // the caller fires it before decoding more: the next frame may reuse it
                return;
            }
        }
    }

    /** Sum of the bytes modulo 256, as FIX defines CheckSum. */
    public static int checksum(final ByteBuf buf, final int from, final int to)
    {
        int sum = 0;
        for (int i = from; i < to; i++)
        {
            sum += buf.getByte(i);
        }
        return sum & 0xFF;
    }

    private static int indexOfBeginString(final ByteBuf in)
    {
        final int end = in.writerIndex() - 4;
        for (int i = in.readerIndex(); i < end; i++)
        {
            if (in.getByte(i) == '8' && in.getByte(i + 1) == '=' && in.getByte(i + 2) == 'F'
                    && in.getByte(i + 3) == 'I' && in.getByte(i + 4) == 'X')
            {
                return i;
            }
        }
        return -1;
    }

    /** Parses BodyLength after the BeginString at start and sets {@link #bodyStart}. */
    private int bodyLength(final ByteBuf in, final int start)
    {
        final int limit = Math.min(in.writerIndex(), start + MAX_PREFIX);
        int p = start;
        while (p < limit && in.getByte(p) != FixMessage.SOH)
        {
            p++;
        }
        if (p == limit)
        {
            return limit == start + MAX_PREFIX ? BAD_HEADER : NEED_MORE;
        }
        p++;
        if (p + 2 > limit)
        {
            return limit == start + MAX_PREFIX ? BAD_HEADER : NEED_MORE;
        }
        if (in.getByte(p) != '9' || in.getByte(p + 1) != '=')
        {
            return BAD_HEADER;
        }
        p += 2;
        int length = 0;
        int digits = 0;
        while (p < limit)
        {
            final byte c = in.getByte(p);
            if (c == FixMessage.SOH)
            {
                if (digits == 0)
                {
                    return BAD_HEADER;
                }
                bodyStart = p + 1;
                return length;
            }
            if (c < '0' || c > '9' || ++digits > 7)
            {
                return BAD_HEADER;
            }
            length = length * 10 + (c - '0');
            p++;
        }
        return limit == start + MAX_PREFIX ? BAD_HEADER : NEED_MORE;
    }

    private static boolean isChecksumField(final ByteBuf in, final int at)
    {
        return in.getByte(at) == '1' && in.getByte(at + 1) == '0' && in.getByte(at + 2) == '='
                && isDigit(in.getByte(at + 3)) && isDigit(in.getByte(at + 4)) && isDigit(in.getByte(at + 5))
                && in.getByte(at + 6) == FixMessage.SOH;
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }
}
