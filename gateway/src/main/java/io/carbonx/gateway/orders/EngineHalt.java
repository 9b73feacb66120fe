package io.carbonx.gateway.orders;

/**
 * Stops the engine taking commands ({@link io.carbonx.engine.pipeline.EnginePipeline#fail}) when order entry can no
 * longer keep what it reports: a report or the order log cannot be stored. Callable from any thread.
 */
@FunctionalInterface
public interface EngineHalt
{
    void halt(String reason, Throwable cause);
}
