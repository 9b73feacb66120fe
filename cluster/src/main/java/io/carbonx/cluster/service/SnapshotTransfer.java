package io.carbonx.cluster.service;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.client.ClusterException;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Moves a snapshot's bytes through the cluster's snapshot stream: a first message with a marker and the total length,
 * then the bytes in messages of at most the publication's max payload (so none is fragmented). Reading polls the image
 * until that many bytes arrived. Stateless; used on the clustered service's thread.
 */
final class SnapshotTransfer
{
    static final int MARKER = 0x43585331;
    private static final int HEADER_LENGTH = 12;

    private SnapshotTransfer()
    {
    }

    static void write(
        final ExclusivePublication publication, final byte[] bytes, final int length, final IdleStrategy idle)
    {
        final UnsafeBuffer header = new UnsafeBuffer(new byte[HEADER_LENGTH]);
        header.putInt(0, MARKER, ByteOrder.LITTLE_ENDIAN);
        header.putLong(4, length, ByteOrder.LITTLE_ENDIAN);
        offer(publication, header, 0, HEADER_LENGTH, idle);
        final UnsafeBuffer body = new UnsafeBuffer(bytes);
        final int chunk = publication.maxPayloadLength();
        for (int offset = 0; offset < length; offset += chunk)
        {
            offer(publication, body, offset, Math.min(chunk, length - offset), idle);
        }
    }

    static byte[] read(final Image image, final IdleStrategy idle)
    {
        final Reader reader = new Reader();
        idle.reset();
        while (!reader.complete())
        {
            final int fragments = image.poll(reader, 16);
            if (fragments == 0 && image.isEndOfStream())
            {
                throw new ClusterException("the snapshot ended after " + reader.received + " of " +
                    (reader.bytes == null ? "?" : reader.bytes.length) + " bytes");
            }
            idle.idle(fragments);
        }
        return reader.bytes;
    }

    private static void offer(
        final ExclusivePublication publication, final UnsafeBuffer buffer, final int offset, final int length,
        final IdleStrategy idle)
    {
        idle.reset();
        while (true)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                return;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED ||
                result == Publication.NOT_CONNECTED)
            {
                throw new ClusterException("cannot write the snapshot: publication result " + result);
            }
            idle.idle();
        }
    }

    private static final class Reader implements FragmentHandler
    {
        private byte[] bytes;
        private int received;

        boolean complete()
        {
            return bytes != null && received == bytes.length;
        }

        @Override
        public void onFragment(
            final org.agrona.DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header h)
        {
            if (bytes == null)
            {
                if (length != HEADER_LENGTH || buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN) != MARKER)
                {
                    throw new ClusterException("not a CarbonX cluster snapshot");
                }
                bytes = new byte[(int)buffer.getLong(offset + 4, ByteOrder.LITTLE_ENDIAN)];
                return;
            }
            buffer.getBytes(offset, bytes, received, length);
            received += length;
        }
    }
}
