package io.carbonx.reports.surveillance;

import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.registry.HoldingLimits;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The feed a server runs: it catches up from a real journal (from its first command, sequence 0), then takes the
 * pipeline's events, ignoring those of commands the catch-up already saw; the alerts are those of one monitor that saw
 * every event once.
 */
class SurveillanceFeedTest
{
    private static final long A = 3001;
    private static final long B = 3002;
    private static final SurveillanceSettings SETTINGS =
        new SurveillanceSettings(60, new TreeMap<>(), 1_000, 2_000, 3, 60, 5_000, 3_000, 50, 9_000);

    @TempDir
    Path journal;

    @Test
    void catchesUpFromTheJournalThenFollowsOnlyLaterCommands()
    {
        final Consumer<SurveillanceDriver> firstDay = driver ->
        {
            driver.trader(A, 1_000);
            driver.trader(B, 1_000);
            driver.trade(1, A, B, 10, 98_55);
            driver.at("2025-01-02T08:00:00Z");
            driver.endOfDay(20250102);
        };
        final SurveillanceDriver journaled = new SurveillanceDriver(SETTINGS);
        firstDay.accept(journaled);
        write(journaled.commands);

        final AlertBook book = new AlertBook(100);
        final SurveillanceFeed feed = new SurveillanceFeed(new SurveillanceMonitor(SETTINGS, book));
        assertEquals(journaled.lastSequence(), feed.catchUp(journal, TestSettings.settings(HoldingLimits.unlimited())));
        assertEquals(journaled.alerts, book.alerts(null, -1, 100), "the journal's alerts, raised again");

        // the pipeline: the same commands again (as events of commands already replayed), then new ones
        final SurveillanceDriver live = new SurveillanceDriver(SETTINGS, feed);
        firstDay.accept(live);
        live.at("2025-01-03T01:00:00Z");
        // the band moved to the close of 98.55: 88.70 to 108.40
        live.trade(3, A, B, 10, 108_40);
        live.limit(5, A, Side.SELL, 10, 100_00);
        live.limit(6, A, Side.BUY, 10, 100_00);

        assertEquals(List.of(AlertKind.PRICE_NEAR_BAND, AlertKind.PRICE_NEAR_BAND, AlertKind.WASH_TRADE_ATTEMPT),
            live.alerts.stream().map(Alert::kind).toList(), live.alerts.toString());
        assertEquals(live.alerts, book.alerts(null, -1, 100), "each event once: the replay's, then the live ones");
    }

    @Test
    void onANewJournalTheFirstCommandIsLive()
    {
        write(List.of());
        final AlertBook book = new AlertBook(100);
        final SurveillanceFeed feed = new SurveillanceFeed(new SurveillanceMonitor(SETTINGS, book));
        assertEquals(-1, feed.catchUp(journal, TestSettings.settings(HoldingLimits.unlimited())));

        // command 0 lists the instrument: without it the band, and the close that moves it, would be unknown
        final SurveillanceDriver live = new SurveillanceDriver(SETTINGS, feed);
        live.trader(A, 1_000);
        live.trader(B, 1_000);
        live.at("2025-01-02T08:00:00Z");
        live.endOfDay(20250102);
        live.at("2025-01-03T01:00:00Z");
        live.trade(1, A, B, 10, 98_55);

        assertEquals(1, live.alerts.size(), live.alerts.toString());
        assertEquals(live.alerts, book.alerts(null, -1, 100));
    }

    private void write(final List<byte[]> commands)
    {
        try (ChronicleJournal out = new ChronicleJournal(journal, JournalDurability.PAGE_CACHE))
        {
            for (int i = 0; i < commands.size(); i++)
            {
                out.append(i, new UnsafeBuffer(commands.get(i)), 0, commands.get(i).length);
            }
            out.endOfBatch();
        }
    }
}
