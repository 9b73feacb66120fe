package io.carbonx.reports.surveillance;

import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.pipeline.EngineEventListener;
import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.reports.JournalReports;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * Feeds a {@link SurveillanceMonitor} in a running exchange: {@link #catchUp} first replays the journal the engine
 * recovered from (so alerts survive a restart: the monitor is deterministic, the replay raises them again), then, as
 * one of the engine pipeline's listeners, the live events of every later command.
 * <p>
 * Written by one thread at a time: the server's start-up thread runs {@link #catchUp} before the engine starts; from
 * then on the pipeline's {@code carbonx-surveillance-N} thread calls {@link #onEvent} (starting the thread orders the
 * two).
 */
public final class SurveillanceFeed implements EngineEventListener
{
    private final SurveillanceMonitor monitor;
    private final EngineEventAdapter adapter;
    private long caughtUpTo = -1;

    public SurveillanceFeed(final SurveillanceMonitor monitor)
    {
        this.monitor = monitor;
        this.adapter = new EngineEventAdapter(monitor);
    }

    /**
     * Replay the journal from its start through a fresh state machine into the monitor; the engine must not be
     * appending to it yet.
     *
     * @return the last command sequence replayed, -1 for an empty journal.
     */
    public long catchUp(final Path journalDirectory, final ExchangeSettings settings)
    {
        caughtUpTo = JournalReports.replayEvents(journalDirectory, settings, monitor);
        return caughtUpTo;
    }

    /**
     * Events of commands the catch-up has already replayed are ignored.
     */
    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long commandSequence)
    {
        if (commandSequence > caughtUpTo)
        {
            adapter.onEvent(buffer, offset);
        }
    }

    @Override
    public String roleName()
    {
        return "surveillance";
    }
}
