package io.carbonx.engine.core;

import io.carbonx.engine.event.EventSink;

import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderCancelledDecoder;
import io.carbonx.protocol.sbe.OrderExpiredDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
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
