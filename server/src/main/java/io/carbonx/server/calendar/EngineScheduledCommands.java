package io.carbonx.server.calendar;

import io.carbonx.engine.calendar.TradingCalendar;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.UserIds;
import io.carbonx.protocol.sbe.TradingPhase;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.LocalDate;

/**
 * The scheduler's commands into the engine, by the path every command takes ({@link EnginePipeline#publish}, as the
 * HTTP API's): SetTradingPhase for every instrument and EndOfTradingDay, from the exchange itself ({@link
 * SourceIds#EXCHANGE}, {@link UserIds#EXCHANGE}), each with a correlation id of its own.
 * <p>
 * Used by the scheduler's thread only ({@code carbonx-scheduler}): the writer, buffer and counter are its.
 */
public final class EngineScheduledCommands implements TradingScheduler.Commands
{
    private final EnginePipeline engine;
    private final CommandWriter writer = new CommandWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
    // Started from the clock so that correlation ids stay unique in the journal across restarts.
    private long nextCorrelationId = System.currentTimeMillis() * 1_000;

    public EngineScheduledCommands(final EnginePipeline engine)
    {
        this.engine = engine;
    }

    @Override
    public void phase(final TradingPhase phase, final long timestamp)
    {
        writer.envelope(timestamp, SourceIds.EXCHANGE, ++nextCorrelationId, UserIds.EXCHANGE);
        engine.publish(buffer, 0, writer.setTradingPhase(buffer, 0, 0, phase));
    }

    @Override
    public void endOfDay(final LocalDate tradingDate, final long timestamp)
    {
        writer.envelope(timestamp, SourceIds.EXCHANGE, ++nextCorrelationId, UserIds.EXCHANGE);
        engine.publish(buffer, 0, writer.endOfTradingDay(buffer, 0, TradingCalendar.yyyymmdd(tradingDate)));
    }
}
