package io.carbonx.gateway.orders;

import org.agrona.DirectBuffer;

/**
 * Where order entry sends its engine commands: {@link io.carbonx.engine.pipeline.EnginePipeline#publish}, which is
 * thread-safe without a lock (a multi-producer ring), so each session publishes from its own event loop and buffer.
 */
@FunctionalInterface
public interface CommandPublisher
{
    /**
     * @throws io.carbonx.engine.pipeline.EngineUnavailableException when the engine takes no commands.
     */
    void publish(DirectBuffer buffer, int offset, int length);
}
