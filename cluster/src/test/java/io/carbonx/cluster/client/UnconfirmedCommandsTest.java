package io.carbonx.cluster.client;

import io.carbonx.cluster.protocol.ClusterMessages;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnconfirmedCommandsTest
{
    private static final int GATEWAY = 7;

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[1024]);

    @Test
    void storesEachCommandAsACompleteIngressMessageNumberedInOfferOrder()
    {
        final UnconfirmedCommands store = new UnconfirmedCommands(GATEWAY, 4096, 16, 100);
        for (int i = 0; i < 3; i++)
        {
            assertTrue(store.add(command(i, 10 + i), 0, 10 + i));
        }

        assertEquals(3, store.size());
        assertEquals(100, store.firstClientSeq());
        assertEquals(103, store.nextClientSeq());
        for (int i = 0; i < 3; i++)
        {
            final long clientSeq = 100 + i;
            final int at = store.offsetOf(clientSeq);
            assertEquals(ClusterMessages.COMMAND_HEADER_LENGTH + 10 + i, store.lengthOf(clientSeq));
            assertEquals(ClusterMessages.COMMAND, ClusterMessages.type(store.buffer(), at));
            assertEquals(GATEWAY, ClusterMessages.gatewayId(store.buffer(), at));
            assertEquals(clientSeq, ClusterMessages.clientSeq(store.buffer(), at));
            assertCommand(store, clientSeq, i, 10 + i);
        }
    }

    @Test
    void confirmingDropsTheOldestUpToTheClientSequenceAndIsIdempotent()
    {
        final UnconfirmedCommands store = new UnconfirmedCommands(GATEWAY, 4096, 16, 1);
        for (int i = 0; i < 5; i++)
        {
            store.add(command(i, 20), 0, 20);
        }

        assertEquals(2, store.confirmUpTo(2));
        assertEquals(0, store.confirmUpTo(2));
        assertEquals(0, store.confirmUpTo(0));
        assertEquals(3, store.firstClientSeq());
        assertEquals(3, store.size());
        assertCommand(store, 3, 2, 20);
        assertThrows(IllegalArgumentException.class, () -> store.offsetOf(2));

        assertEquals(3, store.confirmUpTo(1_000));
        assertTrue(store.isEmpty());
        assertEquals(6, store.firstClientSeq());
        assertEquals(6, store.nextClientSeq());
    }

    @Test
    void refusesWhenTheCountIsFullAndTakesMoreOnceConfirmed()
    {
        final UnconfirmedCommands store = new UnconfirmedCommands(GATEWAY, 4096, 4, 1);
        for (int i = 0; i < 4; i++)
        {
            assertTrue(store.add(command(i, 8), 0, 8));
        }
        assertFalse(store.add(command(4, 8), 0, 8));
        assertEquals(5, store.nextClientSeq());

        store.confirmUpTo(1);
        assertTrue(store.add(command(4, 8), 0, 8));
        assertCommand(store, 5, 4, 8);
    }

    @Test
    void wrapsTheByteRingWithoutSplittingACommandAndRefusesWhenTheBytesAreFull()
    {
        // 1024 bytes; messages of 16 + 300 = 316 bytes: three fit (948), a fourth does not
        final UnconfirmedCommands store = new UnconfirmedCommands(GATEWAY, 1024, 64, 1);
        for (int i = 0; i < 3; i++)
        {
            assertTrue(store.add(command(i, 300), 0, 300));
        }
        assertFalse(store.add(command(3, 300), 0, 300));

        // free the first: 316 bytes at the start, the 76 at the end are too few, so the fourth goes to offset 0
        store.confirmUpTo(1);
        assertTrue(store.add(command(3, 300), 0, 300));
        assertEquals(0, store.offsetOf(4));
        assertFalse(store.add(command(4, 300), 0, 300));

        for (long clientSeq = 2; clientSeq <= 4; clientSeq++)
        {
            assertCommand(store, clientSeq, (int)clientSeq - 1, 300);
        }

        // many rounds through the ring, confirming the oldest only when a command does not fit, keep every
        // command intact; a command always fits once the ring is empty
        for (int i = 4; i < 300; i++)
        {
            final int length = 1 + (i * 37) % 400;
            while (!store.add(command(i, length), 0, length))
            {
                assertFalse(store.isEmpty(), "command " + i + " refused by an empty store");
                store.confirmUpTo(store.firstClientSeq());
            }
            for (long clientSeq = Math.max(5, store.firstClientSeq()); clientSeq < store.nextClientSeq(); clientSeq++)
            {
                final int id = (int)clientSeq - 1;
                assertCommand(store, clientSeq, id, 1 + (id * 37) % 400);
            }
        }
        assertEquals(301, store.nextClientSeq());
    }

    @Test
    void refusesACommandLargerThanTheRing()
    {
        final UnconfirmedCommands store = new UnconfirmedCommands(GATEWAY, 1024, 4, 1);
        assertEquals(1024 - ClusterMessages.COMMAND_HEADER_LENGTH, store.maxCommandLength());
        assertFalse(store.add(new UnsafeBuffer(new byte[1024]), 0, 1024 - ClusterMessages.COMMAND_HEADER_LENGTH + 1));
        assertTrue(store.add(new UnsafeBuffer(new byte[1024]), 0, store.maxCommandLength()));
    }

    private UnsafeBuffer command(final int id, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            command.putByte(i, (byte)(id * 31 + i));
        }
        return command;
    }

    private static void assertCommand(
        final UnconfirmedCommands store, final long clientSeq, final int id, final int length)
    {
        final int at = store.offsetOf(clientSeq) + ClusterMessages.COMMAND_HEADER_LENGTH;
        assertEquals(ClusterMessages.COMMAND_HEADER_LENGTH + length, store.lengthOf(clientSeq));
        for (int i = 0; i < length; i++)
        {
            assertEquals((byte)(id * 31 + i), store.buffer().getByte(at + i), "client seq " + clientSeq + " byte " + i);
        }
    }
}
