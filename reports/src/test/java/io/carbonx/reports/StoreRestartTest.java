package io.carbonx.reports;

import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.journal.JournalReader;
import io.carbonx.engine.pipeline.JournalReplay;
import io.carbonx.engine.snapshot.SnapshotStore;
import io.carbonx.reports.store.AnalyticsFollower;
import io.carbonx.reports.store.AnalyticsStore;
import io.carbonx.reports.store.StoreReports;
import io.carbonx.reports.store.StoreSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.carbonx.reports.StoreConsistencyTest.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analytic store resumes where it stopped (from an engine snapshot at or before its last sequence, replaying the
 * rest without writing) and ends with exactly the rows of a store built in one go; a deleted store is rebuilt from the
 * journal.
 */
class StoreRestartTest
{
    @TempDir
    Path folder;

    @Test
    void aStoreStoppedMidWayAndResumedFromASnapshotHoldsExactlyTheRowsOfOneBuiltInOneGo() throws IOException
    {
        final Path journal = folder.resolve("journal");
        final Path snapshots = folder.resolve("snapshots");
        final Path resumedFile = folder.resolve("resumed").resolve("carbonx.duckdb");
        try (RandomJournal stream = new RandomJournal(journal, 42))
        {
            stream.genesis().commands(250);
            final long firstPart = stream.lastSequence();
            try (AnalyticsStore store = AnalyticsStore.open(resumedFile);
                AnalyticsFollower follower = new AnalyticsFollower(store, SETTINGS, journal, snapshots,
                    RandomJournal.USERS))
            {
                follower.recover();
                assertEquals(firstPart, follower.catchUp());
            }
            // the engine's snapshot, taken before the store stopped: the resumed store starts from it
            final long snapshotAt = firstPart - 60;
            final ExchangeStateMachine machine = new ExchangeStateMachine(SETTINGS);
            try (JournalReader reader = new JournalReader(journal))
            {
                JournalReplay.replay(reader, machine, -1, snapshotAt, null);
            }
            new SnapshotStore(snapshots, 2).write(machine);

            stream.commands(250);
            try (AnalyticsStore store = AnalyticsStore.open(resumedFile);
                AnalyticsFollower follower = new AnalyticsFollower(store, SETTINGS, journal, snapshots,
                    RandomJournal.USERS))
            {
                assertEquals(firstPart, follower.recover());
                assertEquals(stream.lastSequence(), follower.catchUp());
                StoreConsistencyTest.assertSameReports(journal, new StoreReports(store, follower, SETTINGS,
                    ReportScenario.INSTRUMENTS, StoreConsistencyTest.NAMES, 1_000));
            }
        }

        final Path rebuiltFile = folder.resolve("rebuilt").resolve("carbonx.duckdb");
        try (AnalyticsStore store = AnalyticsStore.open(rebuiltFile);
            AnalyticsFollower follower = new AnalyticsFollower(store, SETTINGS, journal, snapshots,
                RandomJournal.USERS))
        {
            assertEquals(-1, follower.recover(), "a new store starts from the journal's beginning");
            follower.catchUp();
        }
        final Map<String, String> resumed = contents(resumedFile);
        final Map<String, String> rebuilt = contents(rebuiltFile);
        assertEquals(rebuilt, resumed);
        assertTrue(rebuilt.get("trades").lines().count() > 10, "the journal traded");

        // a deleted store is rebuilt, to the same rows
        Files.delete(resumedFile);
        try (AnalyticsStore store = AnalyticsStore.open(resumedFile);
            AnalyticsFollower follower = new AnalyticsFollower(store, SETTINGS, journal, snapshots,
                RandomJournal.USERS))
        {
            assertEquals(-1, follower.recover());
            follower.catchUp();
        }
        assertEquals(rebuilt, contents(resumedFile));
    }

    /**
     * @return every table's rows in a canonical order, but for the progress rows, which depend on the batches.
     */
    private static Map<String, String> contents(final Path file)
    {
        final Map<String, String> tables = new LinkedHashMap<>();
        try (AnalyticsStore store = AnalyticsStore.open(file);
            Connection connection = store.connect();
            Statement statement = connection.createStatement())
        {
            for (final String table : StoreSchema.TABLES.keySet())
            {
                final String sql = table.equals("progress") ? "SELECT max(sequence) FROM progress" :
                    "SELECT * FROM " + table + " ORDER BY ALL";
                final StringBuilder text = new StringBuilder();
                try (ResultSet rows = statement.executeQuery(sql))
                {
                    final int columns = rows.getMetaData().getColumnCount();
                    while (rows.next())
                    {
                        for (int i = 1; i <= columns; i++)
                        {
                            text.append(rows.getString(i)).append('|');
                        }
                        text.append('\n');
                    }
                }
                tables.put(table, text.toString());
            }
        }
        catch (final SQLException ex)
        {
            throw new AssertionError(ex);
        }
        return tables;
    }
}
