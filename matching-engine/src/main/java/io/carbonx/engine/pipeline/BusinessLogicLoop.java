package io.carbonx.engine.pipeline;

import com.lmax.disruptor.Sequence;

/**
 * The loop of the carbonx-business-logic thread, the only consumer of the command ring: {@link CommandProcessor} when
 * the engine sequences its own commands, {@link LogCommandProcessor} when a replicated log sequences them.
 */
interface BusinessLogicLoop extends Runnable
{
    /**
     * @return the last ring sequence handed back to producers; the command ring gates on it.
     */
    Sequence sequence();

    /**
     * @return the last ring sequence up to which every command has been applied (or will never be, after a fault) and
     *         its events published to the event ring; close drains up to it.
     */
    Sequence appliedSequence();

    /**
     * Stop once the work in hand is done. Thread-safe.
     */
    void halt();
}
