package io.carbonx.engine.sequencer;

import org.agrona.DirectBuffer;

/**
 * A replicated log that orders the commands when the engine is not its own sequencer: the gateway of a cluster offers
 * commands to it and applies, in the log's order, the commands it reports committed (from every gateway), each with
 * the sequence the log gave it. The engine journals and applies a committed command exactly as if it had sequenced it
 * itself, so everything downstream of the journal and the state machine is the same in both modes.
 * <p>
 * Contract: {@link #poll} delivers every committed command from {@code fromSequence} on (the first the gateway wants,
 * its journal's last sequence + 1, given when the log is opened) exactly once, in sequence order, with dense
 * sequences, across reconnections and leader changes; a command offered and not yet delivered is offered again by the
 * log itself after a leader change, and applied at most once by the cluster. Only the engine's business-logic thread
 * calls its methods.
 */
public interface CommandLog extends AutoCloseable
{
    /**
     * Hand one SBE-encoded command to the log. The log copies it: the buffer may be reused on return.
     *
     * @return false when the log cannot take it now (back pressure, or no leader yet): nothing was taken, offer it
     *         again later, after polling.
     */
    boolean offer(DirectBuffer buffer, int offset, int length);

    /**
     * Deliver committed commands, in order, to the handler, at most {@code limit} of them.
     *
     * @return how many were delivered; 0 when there was nothing to do.
     */
    int poll(CommittedCommandHandler handler, int limit);

    /**
     * @return whether the log has delivered every command it had committed when it was opened (its catch-up is over),
     *         so the state level with the log's start is known: until then, {@link #committedAtOpen()} is not.
     */
    boolean caughtUp();

    /**
     * @return the sequence of the last command the log had committed when this gateway opened it (after catch-up),
     *         or -1 for an empty log; valid once {@link #caughtUp()}.
     */
    long committedAtOpen();

    /**
     * @return how many of the commands this gateway offered are not yet delivered back committed: 0 once everything
     *         offered is in the journal and applied (what closing waits for).
     */
    int unconfirmedCommands();

    /**
     * Disconnect from the log; commands offered and not yet committed may or may not be.
     */
    @Override
    void close();

    /**
     * Receives the committed commands, on the business-logic thread.
     */
    @FunctionalInterface
    interface CommittedCommandHandler
    {
        /**
         * @param sequence the command's position in the log: the previous one's + 1.
         */
        void onCommitted(long sequence, DirectBuffer buffer, int offset, int length);
    }
}
