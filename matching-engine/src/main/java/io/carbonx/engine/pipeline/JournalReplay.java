package io.carbonx.engine.pipeline;

import io.carbonx.engine.core.StateMachine;
import io.carbonx.engine.journal.JournalReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Applies journaled commands to a state machine outside the pipeline, on the calling thread: the second half of
 * recovery, and on its own a tool that rebuilds the state from nothing but a journal folder, to prove that a running
 * or recovered engine holds the state its journal says it should.
 * <pre>
 *   java -cp ... io.carbonx.engine.pipeline.JournalReplay JOURNAL_FOLDER STATE_MACHINE_CLASS
 * </pre>
 * A command the state machine throws on is logged and passed over, as the live engine had to: the state is whatever
 * the deterministic state machine left, both times.
 */
public final class JournalReplay
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    private JournalReplay()
    {
    }

    /**
     * Apply, in order, every journaled command with {@code afterSequence < sequence <= upToSequence}.
     *
     * @param reader        of the journal.
     * @param stateMachine  that has applied exactly the commands up to {@code afterSequence}.
     * @param afterSequence the state machine's last applied sequence.
     * @param upToSequence  last sequence to apply, {@link Long#MAX_VALUE} for the whole journal.
     * @param listener      to receive the replayed commands' events, or null to drop them.
     * @return how many commands were applied.
     * @throws IllegalStateException if the journal does not continue from {@code afterSequence}.
     */
    public static long replay(
        final JournalReader reader,
        final StateMachine stateMachine,
        final long afterSequence,
        final long upToSequence,
        final EngineEventListener listener)
    {
        final ListenerEventSink events = new ListenerEventSink(listener);
        final long[] expected = { afterSequence + 1 };
        return reader.read(afterSequence, upToSequence, (sequence, buffer, offset, length) ->
        {
            if (sequence != expected[0])
            {
                throw new IllegalStateException(
                    "journal continues at sequence " + sequence + " but the state needs " + expected[0] + " next");
            }
            expected[0]++;

            events.commandSequence(sequence);
            try
            {
                stateMachine.apply(sequence, buffer, offset, length, events);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("state machine threw replaying command {}", sequence, ex);
            }
        });
    }

    /**
     * Rebuild a fresh state machine from a whole journal folder.
     *
     * @return how many commands were applied.
     */
    public static long replayAll(final Path journalDirectory, final StateMachine freshStateMachine)
    {
        try (JournalReader reader = new JournalReader(journalDirectory))
        {
            return replay(reader, freshStateMachine, -1, Long.MAX_VALUE, null);
        }
    }

    public static void main(final String[] args)
    {
        if (2 != args.length)
        {
            System.err.println("usage: JournalReplay JOURNAL_FOLDER STATE_MACHINE_CLASS");
            System.exit(2);
        }

        final StateMachine stateMachine = StateMachines.newInstance(args[1]);
        final long replayed = replayAll(Path.of(args[0]), stateMachine);
        System.out.printf("replayed %d commands, last sequence %d, state hash %016x%n",
            replayed, stateMachine.lastAppliedSequence(), stateMachine.stateHash());
    }
}
