package io.carbonx.engine.pipeline;

/**
 * Lifecycle of an {@link EnginePipeline}. Commands are accepted only while {@link #RUNNING}.
 */
public enum EngineState
{
    /**
     * Built, threads not started.
     */
    NEW,

    /**
     * Accepting, journaling and applying commands.
     */
    RUNNING,

    /**
     * Stopped accepting commands after a fault (a journal write failed, or the state machine threw). Commands already
     * journaled are still applied and their events released; nothing else is. Needs an operator and a restart.
     */
    FAILED,

    /**
     * Refusing commands while draining those already published.
     */
    CLOSING,

    /**
     * Threads stopped and the journal closed.
     */
    CLOSED
}
