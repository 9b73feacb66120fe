package io.carbonx.engine.pipeline;

import io.carbonx.engine.event.EventSink;
import io.carbonx.engine.core.StateMachine;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded list of encoded commands: new orders over a small id range (so duplicates are rejected), cancels of ids in
 * the same range (some unknown), and some orders of zero quantity (rejected), so that the outcome of each depends on
 * the state that came before.
 */
public final class CommandScript
{
    private CommandScript()
    {
    }

    public static List<byte[]> generate(final long seed, final int count, final int sourceId)
    {
        final Random random = new Random(seed);
        final TestCommands commands = new TestCommands();
        final MutableDirectBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
        final List<byte[]> script = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final long orderId = 1 + random.nextInt(500);
            final int length = random.nextInt(3) == 0 ?
                commands.cancelOrder(buffer, sourceId, i, orderId) :
                commands.newOrder(buffer, sourceId, i, orderId, random.nextInt(20) - 1);
            final byte[] command = new byte[length];
            buffer.getBytes(0, command);
            script.add(command);
        }
        return script;
    }

    /**
     * Apply commands straight to a state machine, as an engine that never stopped would, numbering them from
     * {@code firstSequence}.
     */
    public static void applyDirectly(final StateMachine stateMachine, final List<byte[]> script,
        final long firstSequence)
    {
        final EventSink discard = new EventSink()
        {
            private final MutableDirectBuffer buffer = new UnsafeBuffer(new byte[MAX_EVENT_LENGTH]);

            @Override
            public MutableDirectBuffer claim()
            {
                return buffer;
            }

            @Override
            public void publish(final int length)
            {
            }
        };

        long sequence = firstSequence;
        for (final byte[] command : script)
        {
            stateMachine.apply(sequence++, new UnsafeBuffer(command), 0, command.length, discard);
        }
    }
}
