package io.carbonx.gateway.orders;

import org.agrona.DirectBuffer;

/**
 * Where order entry sends its engine commands: {@link io.carbonx.engine.pipeline.EnginePipeline#tryPublish}, which is
 * thread-safe without a lock (a multi-producer ring), so each session publishes from its own event loop and buffer.
 * It never waits: a FIX event loop must not block on a full ring (see {@link InboundOrders}).
 */
@FunctionalInterface
public interface CommandPublisher
{
    /**
     * @return false when the command ring is full: nothing was published.
     * @throws io.carbonx.engine.pipeline.EngineUnavailableException when the engine takes no commands.
     */
    boolean tryPublish(DirectBuffer buffer, int offset, int length);
}
