package io.carbonx.engine.pipeline;

/**
 * Thrown to a producer when the engine does not accept commands: not started, failed, or closed. When the engine has
 * failed, the cause is the fault that stopped it.
 */
public final class EngineUnavailableException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final EngineState state;

    EngineUnavailableException(final EngineState state, final String failureReason, final Throwable failureCause)
    {
        super("engine is " + state + " and does not accept commands" +
            (failureReason != null ? ": " + failureReason : ""), failureCause);
        this.state = state;
    }

    /**
     * @return the state the engine was in when the command was refused.
     */
    public EngineState state()
    {
        return state;
    }
}
