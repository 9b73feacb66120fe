package io.carbonx.engine.pipeline;

import com.lmax.disruptor.ExceptionHandler;

/**
 * For whatever escapes a pipeline handler: fail the engine rather than let the Disruptor's default handler end the
 * thread, which would leave producers blocked on a ring nobody drains.
 */
final class FailingExceptionHandler<T> implements ExceptionHandler<T>
{
    private final String threadRole;
    private final EngineStatus status;

    FailingExceptionHandler(final String threadRole, final EngineStatus status)
    {
        this.threadRole = threadRole;
        this.status = status;
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final T event)
    {
        status.fail(threadRole + " failed at ring sequence " + sequence, ex);
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        status.fail(threadRole + " failed to start", ex);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        status.fail(threadRole + " failed to shut down", ex);
    }
}
