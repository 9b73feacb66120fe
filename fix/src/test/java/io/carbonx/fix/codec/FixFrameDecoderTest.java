package io.carbonx.fix.codec;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FixFrameDecoderTest
{
    private static final byte[] HEARTBEAT = RawFix.frame("35=0|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|");

    private final EmbeddedChannel channel = new EmbeddedChannel(FixFrameDecoder.copying(1024));

    @Test
    void emitsAWholeFrame()
    {
        channel.writeInbound(Unpooled.wrappedBuffer(HEARTBEAT));
        assertFrame(HEARTBEAT, channel.readInbound());
        assertNull(channel.readInbound());
    }

    @Test
    void waitsForTheRestOfASplitFrameAndSeparatesCoalescedOnes()
    {
        final byte[] two = concat(HEARTBEAT, HEARTBEAT);
        channel.writeInbound(Unpooled.wrappedBuffer(two, 0, 7));
        assertNull(channel.readInbound());
        channel.writeInbound(Unpooled.wrappedBuffer(two, 7, HEARTBEAT.length + 3));
        assertFrame(HEARTBEAT, channel.readInbound());
        channel.writeInbound(Unpooled.wrappedBuffer(two, HEARTBEAT.length + 10, HEARTBEAT.length - 10));
        assertFrame(HEARTBEAT, channel.readInbound());
    }

    @Test
    void reportsABadChecksumAndCarriesOn()
    {
        final byte[] corrupt = RawFix.frame("35=0|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|");
        corrupt[corrupt.length - 12] = 'X';
        channel.writeInbound(Unpooled.wrappedBuffer(concat(corrupt, HEARTBEAT)));
        assertEquals(FrameError.BAD_CHECKSUM, channel.readInbound());
        assertFrame(HEARTBEAT, channel.readInbound());
    }

    @Test
    void resynchronisesAfterAWrongBodyLength()
    {
        final byte[] wrongLength =
            RawFix.verbatim("8=FIX.4.4|9=29|35=0|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|10=121|");
        channel.writeInbound(Unpooled.wrappedBuffer(concat(wrongLength, HEARTBEAT)));
        assertEquals(FrameError.BAD_BODY_LENGTH, channel.readInbound());
        assertEquals(FrameError.GARBAGE, channel.readInbound());
        assertFrame(HEARTBEAT, channel.readInbound());
    }

    @Test
    void skipsBytesBeforeABeginString()
    {
        channel.writeInbound(
            Unpooled.wrappedBuffer(concat("35=0\u0001".getBytes(StandardCharsets.US_ASCII), HEARTBEAT)));
        assertEquals(FrameError.GARBAGE, channel.readInbound());
        assertFrame(HEARTBEAT, channel.readInbound());
    }

    @Test
    void refusesAFrameLargerThanTheLimit()
    {
        final byte[] big =
            RawFix.frame("35=0|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|58=" + "x".repeat(2000) + "|");
        assertThrows(TooLongFrameException.class, () -> channel.writeInbound(Unpooled.wrappedBuffer(big, 0, 40)));
    }

    @Test
    void theReusedFrameIsHandedOnBeforeTheNextIsDecoded()
    {
        final byte[] other = RawFix.frame("35=1|34=3|49=TW|52=20240101-00:00:00.000|56=ISLD|112=T|");
        final java.util.List<byte[]> seen = new java.util.ArrayList<>();
        final java.util.Set<Object> instances = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        final EmbeddedChannel reusing = new EmbeddedChannel(new FixFrameDecoder(1024),
                new io.netty.channel.ChannelInboundHandlerAdapter()
                {
                    @Override
                    public void channelRead(final io.netty.channel.ChannelHandlerContext ctx, final Object msg)
                    {
                        instances.add(msg);
                        seen.add(((FixFrame) msg).copy());
                    }
                });
        reusing.writeInbound(Unpooled.wrappedBuffer(concat(concat(HEARTBEAT, other), HEARTBEAT)));
        assertEquals(3, seen.size());
        assertArrayEquals(HEARTBEAT, seen.get(0));
        assertArrayEquals(other, seen.get(1));
        assertArrayEquals(HEARTBEAT, seen.get(2));
        assertEquals(1, instances.size(), "one frame object for all");
    }

    private static void assertFrame(final byte[] expected, final Object actual)
    {
        assertArrayEquals(expected, ((FixFrame) actual).copy());
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
