package io.carbonx.engine.event;

import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.SerialBlocksEncoder;
import io.carbonx.registry.SerialRanges;

/**
 * Follows the event of a unit movement with its exact serial blocks: one {@code SerialBlocks} event per
 * {@link #BLOCKS_PER_EVENT} blocks, numbered part 0..parts-1, so a movement of any number of fragmented blocks fits
 * the sink's fixed {@link EventSink#MAX_EVENT_LENGTH} slots. One reusable flyweight; allocates nothing.
 * Business-logic thread only.
 */
public final class SerialBlocksPublisher
{
    /**
     * Blocks that fit in one event beside its fixed fields.
     */
    public static final int BLOCKS_PER_EVENT = (EventSink.MAX_EVENT_LENGTH - MessageHeaderEncoder.ENCODED_LENGTH -
        SerialBlocksEncoder.BLOCK_LENGTH - SerialBlocksEncoder.BlocksEncoder.sbeHeaderSize()) /
        SerialBlocksEncoder.BlocksEncoder.sbeBlockLength();

    private final EventEnvelope envelope;
    private final SerialBlocksEncoder encoder = new SerialBlocksEncoder();

    public SerialBlocksPublisher(final EventEnvelope envelope)
    {
        this.envelope = envelope;
    }

    /**
     * Publish the blocks of one movement; a movement of no blocks would still be one event, with an empty group, so
     * every movement has its {@code SerialBlocks}.
     *
     * @param referenceId trade id, auction id or compliance year, as the schema says for the operation; else 0.
     * @param quantity    units of the movement (the units pledged or released, for a pledge or release).
     * @param blocks      the exact blocks, read before the registry's next operation.
     */
    public void publish(
        final RegistryOperationType operation,
        final int instrumentId,
        final long fromAccountId,
        final long toAccountId,
        final long referenceId,
        final long quantity,
        final SerialRanges blocks)
    {
        final int count = blocks.rangeCount();
        final int parts = Math.max(1, (count + BLOCKS_PER_EVENT - 1) / BLOCKS_PER_EVENT);
        for (int part = 0; part < parts; part++)
        {
            final int from = part * BLOCKS_PER_EVENT;
            final int to = Math.min(count, from + BLOCKS_PER_EVENT);
            encoder.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
                .operation(operation)
                .instrumentId(instrumentId)
                .fromAccountId(fromAccountId)
                .toAccountId(toAccountId)
                .referenceId(referenceId)
                .quantity(quantity)
                .part(part)
                .parts(parts);
            final SerialBlocksEncoder.BlocksEncoder group = encoder.blocksCount(to - from);
            for (int i = from; i < to; i++)
            {
                group.next().first(blocks.rangeStart(i)).last(blocks.rangeEnd(i));
            }
            envelope.publish(encoder.encodedLength());
        }
    }
}
