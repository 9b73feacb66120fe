package io.carbonx.reports.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnalyticsStoreTest
{
    @TempDir
    Path folder;

    @Test
    void aBatchThatFailsHalfWayLeavesNeitherItsRowsNorItsProgress() throws SQLException
    {
        final Path file = folder.resolve("carbonx.duckdb");
        try (AnalyticsStore store = AnalyticsStore.open(file))
        {
            final RowBatch batch = new RowBatch();
            batch.add("day_closes", 20250102, 5L, 1L, 99L);
            store.commit(batch, 5);
            assertEquals(5, store.lastSequence());

            batch.add("day_closes", 20250103, 9L, 2L, 98L);
            batch.add("no_such_table", 1L);
            assertThrows(StoreException.class, () -> store.commit(batch, 9));
            assertEquals(5, store.lastSequence(), "the failed batch's progress is not counted");
            assertEquals(1, count(store, "day_closes"), "nor are its rows");
        }
        try (AnalyticsStore reopened = AnalyticsStore.open(file))
        {
            assertEquals(5, reopened.lastSequence());
            assertEquals(1, count(reopened, "day_closes"));
        }
    }

    @Test
    void rowsAppendedButNotCommittedAreNeitherVisibleNorKeptAtClose() throws SQLException
    {
        final Path file = folder.resolve("carbonx.duckdb");
        try (AnalyticsStore store = AnalyticsStore.open(file))
        {
            final RowBatch batch = new RowBatch();
            batch.add("day_closes", 20250102, 5L, 1L, 99L);
            store.append(batch);
            assertEquals(0, batch.count(), "the batch is handed over");
            assertEquals(0, count(store, "day_closes"), "readers see committed rows only");
            batch.add("day_closes", 20250103, 9L, 2L, 98L);
            store.commit(batch, 9);
            assertEquals(2, count(store, "day_closes"), "a commit takes what was appended before it");
            assertEquals(9, store.lastSequence());

            batch.add("day_closes", 20250106, 12L, 3L, 97L);
            store.append(batch);
        }
        try (AnalyticsStore reopened = AnalyticsStore.open(file))
        {
            assertEquals(9, reopened.lastSequence());
            assertEquals(2, count(reopened, "day_closes"), "the uncommitted row was dropped, not flushed at close");
        }
    }

    @Test
    void sqlCannotReachFilesOutsideTheStore() throws SQLException
    {
        try (AnalyticsStore store = AnalyticsStore.open(folder.resolve("carbonx.duckdb"));
            Connection connection = store.connect();
            Statement statement = connection.createStatement())
        {
            final SQLException refused =
                assertThrows(SQLException.class, () -> statement.executeQuery("SELECT * FROM read_text('/etc/hosts')"));
            assertEquals(true, refused.getMessage().contains("disabled"), refused.getMessage());
        }
    }

    private static long count(final AnalyticsStore store, final String table) throws SQLException
    {
        try (Connection connection = store.connect();
            Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table))
        {
            rows.next();
            return rows.getLong(1);
        }
    }
}
