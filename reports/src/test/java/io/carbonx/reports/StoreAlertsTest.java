package io.carbonx.reports;

import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.journal.JournalReader;
import io.carbonx.engine.pipeline.JournalReplay;
import io.carbonx.engine.snapshot.SnapshotStore;
import io.carbonx.reports.store.AnalyticsFollower;
import io.carbonx.reports.store.AnalyticsStore;
import io.carbonx.reports.surveillance.Alert;
import io.carbonx.reports.surveillance.AlertKind;
import io.carbonx.reports.surveillance.Figure;
import io.carbonx.reports.surveillance.SurveillanceMonitor;
import io.carbonx.reports.surveillance.SurveillanceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.carbonx.reports.StoreConsistencyTest.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analytic store's follower runs the surveillance monitor: its {@code alerts} rows, and the alerts it hands on
 * once committed, are exactly those of a monitor fed the whole journal's events once, also when the store stops part
 * way and resumes (the engine snapshot it would resume from does not hold the monitor's windows: it replays instead).
 */
class StoreAlertsTest
{
    /** Thresholds a random stream crosses: the two trading accounts share an owner, orders of 20 t are large. */
    private static final SurveillanceSettings SURVEILLANCE = new SurveillanceSettings(600,
        new TreeMap<>(java.util.Map.of(ReportScenario.SELLER, "Owner", ReportScenario.BUYER, "Owner")), 20, 120_000,
        2, 3_600, 1_100, 3_000, 300, 9_000);

    @TempDir
    Path folder;

    @Test
    void theRowsAreTheMonitorsAlertsOnceEvenAcrossARestartFromASnapshot() throws IOException
    {
        final Path journal = folder.resolve("journal");
        final Path snapshots = folder.resolve("snapshots");
        final Path file = folder.resolve("store").resolve("carbonx.duckdb");
        final long firstPart;
        final List<Alert> firstRun = new ArrayList<>();
        try (RandomJournal stream = new RandomJournal(journal, 11))
        {
            stream.genesis().commands(300);
            firstPart = stream.lastSequence();
            try (AnalyticsStore store = AnalyticsStore.open(file);
                AnalyticsFollower follower = new AnalyticsFollower(store, SETTINGS, journal, snapshots,
                    RandomJournal.USERS))
            {
                follower.surveil(SURVEILLANCE, firstRun::add);
                assertEquals(-1, follower.recover());
                assertEquals(firstPart, follower.catchUp());
            }
            // an engine snapshot before where the store stopped: a store without surveillance would resume from it
            final ExchangeStateMachine machine = new ExchangeStateMachine(SETTINGS);
            try (JournalReader reader = new JournalReader(journal))
            {
                JournalReplay.replay(reader, machine, -1, firstPart - 60, null);
            }
            new SnapshotStore(snapshots, 2).write(machine);
            stream.commands(300);
        }

        final List<Alert> expected = new ArrayList<>();
        JournalReports.replayEvents(journal, SETTINGS, new SurveillanceMonitor(SURVEILLANCE, expected::add));
        final Set<AlertKind> kinds = expected.stream().map(Alert::kind).collect(Collectors.toSet());
        assertTrue(kinds.size() >= 2 && expected.size() > 20, "the stream raised alerts of several kinds: " + kinds +
            ", " + expected.size());
        final List<Alert> beforeStop = expected.stream().filter(a -> a.sequence() <= firstPart).toList();
        assertTrue(beforeStop.size() > 0 && beforeStop.size() < expected.size(), "alerts on both sides of the stop");
        assertEquals(beforeStop, firstRun, "the first run hands on its alerts as it commits them");

        final List<Alert> secondRun = new ArrayList<>();
        try (AnalyticsStore store = AnalyticsStore.open(file);
            AnalyticsFollower follower = new AnalyticsFollower(store, SETTINGS, journal, snapshots,
                RandomJournal.USERS))
        {
            follower.surveil(SURVEILLANCE, secondRun::add);
            assertEquals(firstPart, follower.recover());
            assertEquals(beforeStop, secondRun, "recovering hands on the stored alerts again, without writing them");
            follower.catchUp();
            assertEquals(expected, secondRun, "then the new ones, each once");
            assertEquals(rows(expected), rows(store), "the rows: every alert once, none lost at the restart");
        }
    }

    /**
     * Each alert as the row the store should hold, written here from the alert's fields.
     */
    private static List<String> rows(final List<Alert> alerts)
    {
        final List<String> rows = new ArrayList<>();
        long sequence = -1;
        int index = 0;
        for (final Alert alert : alerts)
        {
            index = alert.sequence() == sequence ? index + 1 : 0;
            sequence = alert.sequence();
            rows.add(String.join("|", String.valueOf(alert.sequence()), String.valueOf(index),
                String.valueOf(alert.time()), alert.kind().name(), String.valueOf(alert.instrumentId()),
                alert.instrument(), alert.accounts().stream().map(String::valueOf).collect(Collectors.joining(",",
                    "[", "]")), alert.brokerId() == 0 ? "null" : String.valueOf(alert.brokerId()), alert.detail(),
                alert.figures().stream().map(StoreAlertsTest::figure).collect(Collectors.joining(",", "{", "}"))));
        }
        return rows;
    }

    private static String figure(final Figure figure)
    {
        return "\"" + figure.name() + "\":" + figure.value();
    }

    private static List<String> rows(final AnalyticsStore store)
    {
        final List<String> rows = new ArrayList<>();
        try (Connection connection = store.connect();
            Statement statement = connection.createStatement();
            ResultSet result = statement.executeQuery("SELECT * FROM alerts ORDER BY sequence, alert"))
        {
            final int columns = result.getMetaData().getColumnCount();
            while (result.next())
            {
                final List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++)
                {
                    values.add(String.valueOf(result.getString(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        catch (final SQLException ex)
        {
            throw new AssertionError(ex);
        }
        return rows;
    }
}
