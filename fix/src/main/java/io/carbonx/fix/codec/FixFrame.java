package io.carbonx.fix.codec;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * One whole FIX frame, BeginString to CheckSum, copied out of the receive buffer by {@link FixFrameDecoder}. The
 * decoder of a connection reuses one instance for every frame, so a frame is valid only until the handler that
 * receives it returns: copy what must outlive it. Used by its channel's event loop only.
 */
public final class FixFrame
{
    private byte[] bytes = new byte[1024];
    private int length;

    void copyFrom(final ByteBuf source, final int offset, final int frameLength)
    {
        if (bytes.length < frameLength)
        {
            bytes = new byte[Math.max(frameLength, bytes.length * 2)];
        }
        source.getBytes(offset, bytes, 0, frameLength);
        length = frameLength;
    }

    /** The frame's bytes, from offset 0 to {@link #length()}; the array is reused. */
    public byte[] bytes()
    {
        return bytes;
    }

    public int length()
    {
        return length;
    }

    /** A copy of the frame, for keeping it. */
    public byte[] copy()
    {
        return Arrays.copyOf(bytes, length);
    }
}
