package io.carbonx.fix.codec;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based fuzzing of the frame decoder and the message indexer: random bytes and random
 * mutations of valid frames, fed in random chunks. The decoder may only emit checksum-valid frames or
 * {@link FrameError}s, or raise its one typed error ({@link TooLongFrameException}); it must never
 * throw anything else (an IndexOutOfBoundsException would mean a read out of bounds), never loop, and
 * never lose a valid frame that follows garbage.
 */
class FixFrameDecoderFuzzTest
{
    private static final int MAX_MESSAGE_SIZE = 2048;
    private static final String[] BODIES = {
        "35=0|34=2|49=TW|52=20240101-00:00:00.000|56=ISLD|",
        "35=D|34=17|49=TW|52=20240101-00:00:00.000|56=ISLD|11=ORD1|1=1001|55=EUA-DEC26|54=1|38=100|40=2|44=85.25|"
            + "59=0|60=20240101-00:00:00.000|",
        "35=A|34=1|49=TW|52=20240101-00:00:00.000|56=ISLD|98=0|108=30|554=secret|",
        "35=d|34=3|49=TW|52=20240101-00:00:00.000|56=ISLD|320=R1|322=X|323=6|454=1|455=ABC|456=4|95=3|96=a\u0001b|",
    };

    @Property(tries = 400)
    void randomBytesNeverBreakTheDecoder(final @ForAll @Size(max = 3000) byte[] input, final @ForAll long chunkSeed)
    {
        feed(input, chunkSeed);
    }

    @Property(tries = 400)
    void randomBytesBiasedToFixSyntaxNeverBreakTheDecoder(final @ForAll("fixish") byte[] input,
        final @ForAll long chunkSeed)
    {
        feed(input, chunkSeed);
    }

    @Property(tries = 1000)
    void mutatedFramesNeverBreakTheDecoder(final @ForAll("frames") List<byte[]> frames,
                                           final @ForAll @IntRange(min = 1, max = 8) int mutations,
                                           final @ForAll long seed)
    {
        final Random random = new Random(seed);
        byte[] input = concat(frames);
        for (int i = 0; i < mutations; i++)
        {
            input = mutate(input, random);
        }
        feed(input, seed);
    }

    @Property(tries = 500)
    void validFramesSurviveAnySplitAndGarbageBetweenThem(final @ForAll("frames") List<byte[]> frames,
                                                         final @ForAll("garbage") byte[] garbage,
                                                         final @ForAll long chunkSeed)
    {
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (final byte[] frame : frames)
        {
            stream.writeBytes(garbage);
            stream.writeBytes(frame);
        }
        final List<byte[]> decoded = feed(stream.toByteArray(), chunkSeed);
        assertEquals(frames.size(), decoded.size());
        for (int i = 0; i < frames.size(); i++)
        {
            assertArrayEquals(frames.get(i), decoded.get(i));
        }
    }

    @Property(tries = 2000)
    void theIndexerNeverThrowsOnAnyBytes(final @ForAll("fixish") byte[] input,
        final @ForAll @IntRange(max = 40) int cut)
    {
        final FixMessage message = new FixMessage();
        final int offset = Math.min(cut, input.length);
        if (message.wrap(input, offset, input.length - offset, tag -> tag == 96 || tag == 91))
        {
            for (int i = 0; i < message.fieldCount(); i++)
            {
                assertTrue(message.valueOffset(i) >= offset);
                assertTrue(message.valueOffset(i) + message.valueLength(i) <= input.length);
                message.longAt(i);
                message.scaledAt(i, 2);
            }
            message.msgSeqNum();
            message.toString();
        }
    }

    /** Feeds the bytes in random chunks and returns the frames; fails on anything but the allowed outcomes. */
    private static List<byte[]> feed(final byte[] input, final long chunkSeed)
    {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        {
            final EmbeddedChannel channel = new EmbeddedChannel(FixFrameDecoder.copying(MAX_MESSAGE_SIZE));
            final Random random = new Random(chunkSeed);
            final List<byte[]> frames = new ArrayList<>();
            int position = 0;
            try
            {
                while (position < input.length)
                {
                    final int chunk = Math.min(input.length - position, 1 + random.nextInt(200));
                    try
                    {
                        channel.writeInbound(Unpooled.copiedBuffer(input, position, chunk));
                    }
                    catch (final TooLongFrameException expected)
                    {
                        // the one typed error: the connection is closed, nothing more is read
                        drain(channel, frames);
                        return frames;
                    }
                    position += chunk;
                    drain(channel, frames);
                }
                return frames;
            }
            finally
            {
                channel.finishAndReleaseAll();
            }
        });
    }

    private static void drain(final EmbeddedChannel channel, final List<byte[]> frames)
    {
        Object out;
        while ((out = channel.readInbound()) != null)
        {
            if (out instanceof FrameError)
            {
                continue;
            }
            final byte[] bytes = ((FixFrame) out).copy();
            assertValidFrame(bytes);
            frames.add(bytes);
        }
    }

    /** BeginString, a BodyLength that ends where CheckSum starts, and a CheckSum that matches. */
    private static void assertValidFrame(final byte[] frame)
    {
        assertTrue(frame.length <= MAX_MESSAGE_SIZE);
        assertTrue(new String(frame, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("8=FIX"));
        int sum = 0;
        for (int i = 0; i < frame.length - 7; i++)
        {
            sum += frame[i];
        }
        final String trailer = new String(frame, frame.length - 7, 7, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(String.format("10=%03d\u0001", sum & 0xFF), trailer);
    }

    private static byte[] mutate(final byte[] input, final Random random)
    {
        if (input.length == 0)
        {
            return new byte[] {(byte) random.nextInt()};
        }
        final int at = random.nextInt(input.length);
        switch (random.nextInt(7))
        {
            case 0: // flip a byte
            {
                final byte[] copy = input.clone();
                copy[at] = (byte) random.nextInt();
                return copy;
            }
            case 1: // delete a run
            {
                final int length = Math.min(input.length - at, 1 + random.nextInt(12));
                final byte[] copy = new byte[input.length - length];
                System.arraycopy(input, 0, copy, 0, at);
                System.arraycopy(input, at + length, copy, at, input.length - at - length);
                return copy;
            }
            case 2: // insert random bytes or FIX punctuation
            {
                final byte[] insert = new byte[1 + random.nextInt(8)];
                for (int i = 0; i < insert.length; i++)
                {
                    insert[i] = random.nextBoolean() ? (byte) random.nextInt()
                        : (byte) "=\u000189-0".charAt(random.nextInt(6));
                }
                return splice(input, at, insert);
            }
            case 3: // truncate
                return Arrays.copyOf(input, at);
            case 4: // a huge or negative BodyLength or count
                return splice(input, at,
                    "9=99999999\u0001453=-1\u0001".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            case 5: // duplicate a run
                return splice(input, at,
                    Arrays.copyOfRange(input, at, Math.min(input.length, at + 1 + random.nextInt(40))));
            default: // a digit where it changes BodyLength or CheckSum
            {
                final byte[] copy = input.clone();
                copy[at] = (byte) ('0' + random.nextInt(10));
                return copy;
            }
        }
    }

    private static byte[] splice(final byte[] input, final int at, final byte[] insert)
    {
        final byte[] copy = new byte[input.length + insert.length];
        System.arraycopy(input, 0, copy, 0, at);
        System.arraycopy(insert, 0, copy, at, insert.length);
        System.arraycopy(input, at, copy, at + insert.length, input.length - at);
        return copy;
    }

    private static byte[] concat(final List<byte[]> parts)
    {
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        parts.forEach(stream::writeBytes);
        return stream.toByteArray();
    }

    @Provide
    Arbitrary<List<byte[]>> frames()
    {
        return Arbitraries.of(BODIES).map(RawFix::frame).list().ofMinSize(1).ofMaxSize(5);
    }

    /** Bytes that cannot contain "8=FIX", so they are garbage wherever they go. */
    @Provide
    Arbitrary<byte[]> garbage()
    {
        return Arbitraries.strings().withChars("9=0123456789\u0001|abcIX").ofMaxLength(40)
                .map(s -> s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Random sequences of FIX-looking tokens: BeginStrings, BodyLengths, tags, SOHs, CheckSums, digits. */
    @Provide
    Arbitrary<byte[]> fixish()
    {
        return Arbitraries.of("8=FIX.4.4\u0001", "9=", "9=5\u0001", "9=0\u0001", "9=1234567\u0001", "35=0\u0001",
                        "\u0001", "10=", "10=000\u0001", "=", "0", "7", "96=", "95=3\u0001", "-", "99999999999", "a")
                .list().ofMaxSize(60)
                .map(tokens -> String.join("", tokens).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
