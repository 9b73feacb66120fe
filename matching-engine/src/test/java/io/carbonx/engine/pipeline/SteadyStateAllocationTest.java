package io.carbonx.engine.pipeline;

import io.carbonx.engine.event.EventSink;
import io.carbonx.engine.core.StateMachine;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.sequencer.CommandLog;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.CommandRejectedEncoder;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.RejectReason;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.DataInput;
import java.io.DataOutput;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Once warm, moving a command through the pipeline allocates nothing per command on any of its threads, producer
 * included.
 */
class SteadyStateAllocationTest
{
    private static final int COMMANDS = 100_000;
    /**
     * Under a byte per command: anything allocated per command costs at least 16 bytes each. What is tolerated is
     * the odd object when Chronicle maps the next chunk of its file.
     */
    private static final long TOLERATED_BYTES = COMMANDS;

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(JournalDurability.class)
    @Timeout(60)
    void pipelineThreadsDoNotAllocatePerCommand(final JournalDurability durability)
    {
        assertNoAllocationPerCommand(durability, false);
    }

    @ParameterizedTest
    @EnumSource(JournalDurability.class)
    @Timeout(60)
    void inLogModePipelineThreadsDoNotAllocatePerCommand(final JournalDurability durability)
    {
        assertNoAllocationPerCommand(durability, true);
    }

    private void assertNoAllocationPerCommand(final JournalDurability durability, final boolean logMode)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final AtomicLong received = new AtomicLong();
        final EngineEventListener counter =
            (buffer, offset, length, commandSequence) -> received.lazySet(commandSequence + 1);
        final EngineSettings settings = EngineSettings.builder()
            .commandRingSize(1024)
            .eventRingSize(1024)
            .journalDurability(durability)
            .journalDirectory(directory.resolve("journal"))
            .snapshotDirectory(directory.resolve("snapshots"))
            .snapshotIntervalCommands(0)
            .build();

        final StateMachine stateMachine = new RejectingStateMachine();
        try (EnginePipeline engine = logMode ?
            new EnginePipeline(settings, stateMachine, new LoopbackLog(), List.of(counter)) :
            new EnginePipeline(settings, stateMachine, List.of(counter)))
        {
            engine.start();
            final UnsafeBuffer command = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
            final int length = new TestCommands().newOrder(command, 1, 1, 1, 1);

            publish(engine, command, length, COMMANDS, received);
            final Map<String, Long> before = allocatedBytesOfPipelineThreads(threads);
            final long producerBefore = threads.getCurrentThreadAllocatedBytes();
            publish(engine, command, length, COMMANDS, received);
            final long producerAllocated = threads.getCurrentThreadAllocatedBytes() - producerBefore;
            final Map<String, Long> after = allocatedBytesOfPipelineThreads(threads);

            assertTrue(producerAllocated < TOLERATED_BYTES, "producer allocated " + producerAllocated + " bytes");
            for (final Map.Entry<String, Long> thread : after.entrySet())
            {
                final long allocated = thread.getValue() - before.get(thread.getKey());
                assertTrue(allocated < TOLERATED_BYTES,
                    thread.getKey() + " allocated " + allocated + " bytes for " + COMMANDS + " commands");
            }
            assertTrue(after.containsKey("carbonx-business-logic"), after.keySet().toString());
            assertFalse(after.containsKey("carbonx-journaler"), "the business-logic thread journals");
        }
    }

    private static void publish(
        final EnginePipeline engine,
        final DirectBuffer command,
        final int length,
        final int count,
        final AtomicLong received)
    {
        final long target = received.get() + count;
        for (int i = 0; i < count; i++)
        {
            engine.publish(command, 0, length);
        }
        while (received.get() < target)
        {
            LockSupport.parkNanos(100_000);
        }
    }

    private static Map<String, Long> allocatedBytesOfPipelineThreads(final com.sun.management.ThreadMXBean threads)
    {
        final Map<String, Long> allocated = new HashMap<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().startsWith("carbonx-"))
            {
                allocated.put(thread.getName(), threads.getThreadAllocatedBytes(thread.getId()));
            }
        }
        return allocated;
    }

    /**
     * A log that commits what it is offered, in order, from preallocated slots, refusing offers while they are all
     * in use: allocates nothing, so whatever is allocated is the engine's.
     */
    private static final class LoopbackLog implements CommandLog
    {
        private static final int SLOTS = 512;

        private final UnsafeBuffer[] slots = new UnsafeBuffer[SLOTS];
        private final int[] lengths = new int[SLOTS];
        private long offered;
        private long delivered;

        LoopbackLog()
        {
            for (int i = 0; i < SLOTS; i++)
            {
                slots[i] = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
            }
        }

        @Override
        public boolean offer(final DirectBuffer buffer, final int offset, final int length)
        {
            if (offered - delivered == SLOTS)
            {
                return false;
            }
            final int slot = (int)(offered++ % SLOTS);
            slots[slot].putBytes(0, buffer, offset, length);
            lengths[slot] = length;
            return true;
        }

        @Override
        public int poll(final CommittedCommandHandler handler, final int limit)
        {
            int count = 0;
            while (count < limit && delivered < offered)
            {
                final int slot = (int)(delivered % SLOTS);
                handler.onCommitted(delivered++, slots[slot], 0, lengths[slot]);
                count++;
            }
            return count;
        }

        @Override
        public int unconfirmedCommands()
        {
            return (int)(offered - delivered);
        }

        @Override
        public boolean caughtUp()
        {
            return true;
        }

        @Override
        public long committedAtOpen()
        {
            return -1;
        }

        @Override
        public void close()
        {
        }
    }

    /**
     * Answers every command with the same rejection, allocating nothing.
     */
    private static final class RejectingStateMachine implements StateMachine
    {
        private final MessageHeaderEncoder header = new MessageHeaderEncoder();
        private final CommandRejectedEncoder rejected = new CommandRejectedEncoder();
        private long lastAppliedSequence = -1;

        @Override
        public void apply(
            final long sequence, final DirectBuffer buffer, final int offset, final int length, final EventSink events)
        {
            rejected.wrapAndApplyHeader(events.claim(), 0, header);
            rejected.envelope()
                .commandSequence(sequence);
            rejected.commandKind(CommandKind.ADMIN)
                .reason(RejectReason.UNKNOWN_COMMAND);
            events.publish(MessageHeaderEncoder.ENCODED_LENGTH + rejected.encodedLength());
            lastAppliedSequence = sequence;
        }

        @Override
        public long stateHash()
        {
            return lastAppliedSequence;
        }

        @Override
        public long lastAppliedSequence()
        {
            return lastAppliedSequence;
        }

        @Override
        public void writeSnapshot(final DataOutput out)
        {
        }

        @Override
        public void readSnapshot(final DataInput in)
        {
        }
    }
}
