package io.carbonx.cluster.service;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetainedCommandsTest
{
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer copy = new UnsafeBuffer(new byte[256]);

    @Test
    void keepsTheLastCommandsUpToTheCountLimit()
    {
        final RetainedCommands retained = new RetainedCommands(4, 1024);
        for (long sequence = 0; sequence < 10; sequence++)
        {
            append(retained, sequence, 10);
        }
        assertEquals(4, retained.size());
        assertEquals(6, retained.firstSequence());
        assertEquals(9, retained.lastSequence());
        assertFalse(retained.contains(5));
        for (long sequence = 6; sequence < 10; sequence++)
        {
            assertCommand(retained, sequence, 10);
        }
    }

    @Test
    void keepsTheLastCommandsUpToTheByteLimitAcrossTheWrap()
    {
        // 100 bytes: commands of 30 bytes fit 3 at a time; the fourth wraps to 0 (10 bytes at the end unused).
        final RetainedCommands retained = new RetainedCommands(1000, 100);
        for (long sequence = 0; sequence < 50; sequence++)
        {
            append(retained, sequence, 30);
            assertTrue(retained.size() <= 3);
            for (long kept = retained.firstSequence(); kept <= sequence; kept++)
            {
                assertCommand(retained, kept, 30);
            }
        }
        assertEquals(47, retained.firstSequence());
    }

    @Test
    void mixedLengthsNeverCorruptARetainedCommand()
    {
        final RetainedCommands retained = new RetainedCommands(7, 200);
        for (long sequence = 0; sequence < 500; sequence++)
        {
            append(retained, sequence, 1 + (int)(sequence * 37 % 90));
            for (long kept = retained.firstSequence(); kept <= sequence; kept++)
            {
                assertCommand(retained, kept, 1 + (int)(kept * 37 % 90));
            }
        }
    }

    @Test
    void writesAndReadsTheWindow() throws IOException
    {
        final RetainedCommands retained = new RetainedCommands(5, 1000);
        for (long sequence = 100; sequence < 112; sequence++)
        {
            append(retained, sequence, 20 + (int)sequence % 7);
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        retained.write(new DataOutputStream(bytes));
        final RetainedCommands read = new RetainedCommands(5, 1000);
        read.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(107, read.firstSequence());
        assertEquals(111, read.lastSequence());
        for (long sequence = 107; sequence < 112; sequence++)
        {
            assertCommand(read, sequence, 20 + (int)sequence % 7);
        }
    }

    @Test
    void refusesAGapInSequencesAndACommandLargerThanTheWindow()
    {
        final RetainedCommands retained = new RetainedCommands(5, 100);
        append(retained, 3, 10);
        assertThrows(IllegalArgumentException.class, () -> append(retained, 5, 10));
        assertThrows(IllegalArgumentException.class, () -> append(retained, 4, 101));
        assertThrows(IllegalArgumentException.class, () -> retained.copy(2, copy, 0));
    }

    private void append(final RetainedCommands retained, final long sequence, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            command.putByte(i, (byte)(sequence * 31 + i));
        }
        retained.append(sequence, (int)(sequence % 3), sequence * 10, command, 0, length);
    }

    private void assertCommand(final RetainedCommands retained, final long sequence, final int length)
    {
        assertEquals(length, retained.copy(sequence, copy, 0), "length of " + sequence);
        assertEquals((int)(sequence % 3), retained.gatewayId(sequence));
        assertEquals(sequence * 10, retained.clientSeq(sequence));
        for (int i = 0; i < length; i++)
        {
            assertEquals((byte)(sequence * 31 + i), copy.getByte(i), "byte " + i + " of " + sequence);
        }
    }
}
