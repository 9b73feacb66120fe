package io.carbonx.engine.core;

import io.carbonx.engine.event.EventSink;

import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderCancelledDecoder;
import io.carbonx.protocol.sbe.OrderExpiredDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.SerialBlocksDecoder;
import io.carbonx.protocol.sbe.TradeDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * An {@link EventSink} that keeps a copy of every event, with typed views for assertions.
 */
public final class CapturedEvents implements EventSink
{
    private final MutableDirectBuffer scratch = new ExpandableArrayBuffer(MAX_EVENT_LENGTH);
    private final List<byte[]> events = new ArrayList<>();

    @Override
    public MutableDirectBuffer claim()
    {
        return scratch;
    }

    @Override
    public void publish(final int length)
    {
        final byte[] copy = new byte[length];
        scratch.getBytes(0, copy);
        events.add(copy);
    }

    public int size()
    {
        return events.size();
    }

    /**
     * @return the events published since {@code from}, as a new capture.
     */
    public CapturedEvents since(final int from)
    {
        final CapturedEvents slice = new CapturedEvents();
        slice.events.addAll(events.subList(from, events.size()));
        return slice;
    }

    /**
     * Hand every captured event, in order, to an adapter.
     */
    public void replay(final EngineEventAdapter adapter)
    {
        for (final byte[] event : events)
        {
            adapter.onEvent(new UnsafeBuffer(event), 0);
        }
    }

    public List<Integer> templateIds()
    {
        final List<Integer> ids = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        for (final byte[] event : events)
        {
            ids.add(header.wrap(new UnsafeBuffer(event), 0).templateId());
        }
        return ids;
    }

    public List<OrderAcceptedDecoder> accepted()
    {
        return all(OrderAcceptedDecoder.TEMPLATE_ID, OrderAcceptedDecoder::new);
    }

    public List<CommandRejectedDecoder> rejected()
    {
        return all(CommandRejectedDecoder.TEMPLATE_ID, CommandRejectedDecoder::new);
    }

    public List<TradeDecoder> trades()
    {
        return all(TradeDecoder.TEMPLATE_ID, TradeDecoder::new);
    }

    public List<OrderCancelledDecoder> cancelled()
    {
        return all(OrderCancelledDecoder.TEMPLATE_ID, OrderCancelledDecoder::new);
    }

    public List<OrderExpiredDecoder> expired()
    {
        return all(OrderExpiredDecoder.TEMPLATE_ID, OrderExpiredDecoder::new);
    }

    public List<RegistryChangedDecoder> registryChanges()
    {
        return all(RegistryChangedDecoder.TEMPLATE_ID, RegistryChangedDecoder::new);
    }

    /**
     * One unit movement's {@code SerialBlocks} events joined: its blocks as {first, last} pairs, in order.
     */
    public record Movement(
        RegistryOperationType operation, int instrumentId, long from, long to, long referenceId, long quantity,
        List<long[]> blocks)
    {
        public long units()
        {
            return blocks.stream().mapToLong(block -> block[1] - block[0] + 1).sum();
        }

        /**
         * @return the blocks as text, e.g. "1-100,201-230".
         */
        public String blockText()
        {
            final StringBuilder text = new StringBuilder();
            for (final long[] block : blocks)
            {
                text.append(text.length() == 0 ? "" : ",").append(block[0]).append('-').append(block[1]);
            }
            return text.toString();
        }
    }

    /**
     * @return every movement's {@code SerialBlocks}, its parts joined; fails if the parts of a movement are not
     * consecutive events numbered 0..parts-1 that agree on the movement.
     */
    public List<Movement> movements()
    {
        final List<Movement> movements = new ArrayList<>();
        Movement open = null;
        int nextPart = 0;
        for (final SerialBlocksDecoder part : all(SerialBlocksDecoder.TEMPLATE_ID, SerialBlocksDecoder::new))
        {
            if (part.part() != nextPart || part.parts() < 1 || part.part() >= part.parts())
            {
                throw new AssertionError("SerialBlocks part " + part.part() + " of " + part.parts() + " where part " +
                    nextPart + " was due");
            }
            if (0 == part.part())
            {
                open = new Movement(part.operation(), part.instrumentId(), part.fromAccountId(), part.toAccountId(),
                    part.referenceId(), part.quantity(), new ArrayList<>());
                movements.add(open);
            }
            else if (open.operation() != part.operation() || open.from() != part.fromAccountId() ||
                open.to() != part.toAccountId() || open.quantity() != part.quantity())
            {
                throw new AssertionError("SerialBlocks parts disagree about their movement");
            }
            for (final SerialBlocksDecoder.BlocksDecoder block : part.blocks())
            {
                open.blocks().add(new long[] {block.first(), block.last()});
            }
            nextPart = part.part() + 1 == part.parts() ? 0 : part.part() + 1;
        }
        if (nextPart != 0)
        {
            throw new AssertionError("the last SerialBlocks movement lacks parts");
        }
        return movements;
    }

    public <D extends MessageDecoderFlyweight> List<D> all(final int templateId, final Supplier<D> factory)
    {
        final List<D> decoded = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        for (final byte[] event : events)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(event);
            header.wrap(buffer, 0);
            if (header.templateId() == templateId)
            {
                final D decoder = factory.get();
                decoder.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                decoded.add(decoder);
            }
        }
        return decoded;
    }

    public boolean sameAs(final CapturedEvents other)
    {
        if (events.size() != other.events.size())
        {
            return false;
        }
        for (int i = 0; i < events.size(); i++)
        {
            if (!Arrays.equals(events.get(i), other.events.get(i)))
            {
                return false;
            }
        }
        return true;
    }
}
