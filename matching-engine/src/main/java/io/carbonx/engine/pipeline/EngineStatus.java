package io.carbonx.engine.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link EngineState}, shared by the producers (who read it on every publish), the pipeline threads
 * (who may fail it) and the owner (who starts and closes it). Reads are one volatile load; transitions are rare and
 * synchronized.
 */
final class EngineStatus
{
    private static final Logger LOG = LoggerFactory.getLogger(EnginePipeline.class);

    private volatile EngineState state = EngineState.NEW;
    private String failureReason;
    private Throwable failureCause;

    EngineState state()
    {
        return state;
    }

    boolean isAccepting()
    {
        return EngineState.RUNNING == state;
    }

    synchronized EngineUnavailableException unavailable()
    {
        return new EngineUnavailableException(state, failureReason, failureCause);
    }

    synchronized Throwable failureCause()
    {
        return failureCause;
    }

    synchronized void running()
    {
        if (EngineState.NEW != state)
        {
            throw new IllegalStateException("cannot start an engine that is " + state);
        }
        state = EngineState.RUNNING;
    }

    /**
     * Stop accepting commands because of a fault. The first fault is kept and raised as an alert; later ones are
     * logged as its consequences.
     */
    synchronized void fail(final String reason, final Throwable cause)
    {
        if (failureReason != null)
        {
            LOG.error("engine already failed ({}); also: {}", failureReason, reason, cause);
            return;
        }

        failureReason = reason;
        failureCause = cause;
        if (EngineState.CLOSED != state)
        {
            state = EngineState.FAILED;
        }
        LOG.error("ALERT engine stopped accepting commands: {}", reason, cause);
    }

    /**
     * @return true if this call begins closing, false if the engine is already closing or closed.
     */
    synchronized boolean beginClose()
    {
        if (EngineState.CLOSING == state || EngineState.CLOSED == state)
        {
            return false;
        }
        if (EngineState.FAILED != state)
        {
            state = EngineState.CLOSING;
        }
        return true;
    }

    synchronized void closed()
    {
        state = EngineState.CLOSED;
    }
}
