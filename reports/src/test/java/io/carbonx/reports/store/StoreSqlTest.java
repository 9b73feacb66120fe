package io.carbonx.reports.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreSqlTest
{
    @TempDir
    Path folder;

    @Test
    void selectsAreCappedAndNothingElseRuns() throws SQLException
    {
        try (AnalyticsStore store = AnalyticsStore.open(folder.resolve("carbonx.duckdb")))
        {
            final RowBatch batch = new RowBatch();
            batch.add("day_closes", 20250102, 5L, 1L, 99L);
            batch.add("day_closes", 20250103, 9L, 2L, 98L);
            batch.add("day_closes", 20250106, 12L, 3L, 97L);
            store.commit(batch, 12);
            final StoreSql sql = new StoreSql(store, 2, 5);

            final StoreSql.Result result = sql.select("SELECT trading_date, sequence FROM day_closes ORDER BY 1");
            assertEquals(List.of("trading_date", "sequence"), result.columns());
            assertEquals(List.of(List.of(20250102L, 5L), List.of(20250103L, 9L)), result.rows());
            assertTrue(result.truncated());

            for (final String write : List.of("DELETE FROM day_closes", "DROP TABLE day_closes",
                "INSERT INTO day_closes VALUES (1, 1, 1, 1)", "SELECT 1; DELETE FROM day_closes",
                "COPY day_closes TO 'x.csv'", "ATTACH 'other.duckdb'"))
            {
                final StoreSql.QueryException refused =
                    assertThrows(StoreSql.QueryException.class, () -> sql.select(write), write);
                assertEquals("NOT_A_SELECT", refused.kind(), write + ": " + refused.getMessage());
            }
            assertEquals("INVALID", assertThrows(StoreSql.QueryException.class,
                () -> sql.select("SELECT nothing FROM nowhere")).kind());
            assertEquals(3L, sql.select("SELECT count(*) FROM day_closes").rows().get(0).get(0));
        }
    }

    @Test
    void aTableIsExportedAsParquetThatReadsBack() throws Exception
    {
        try (AnalyticsStore store = AnalyticsStore.open(folder.resolve("carbonx.duckdb")))
        {
            final RowBatch batch = new RowBatch();
            batch.add("day_closes", 20250102, 5L, 1L, 99L);
            store.commit(batch, 5);
            final Path parquet = new StoreSql(store, 10, 5).exportParquet("day_closes");
            assertTrue(Files.size(parquet) > 0);
            try (Connection connection = store.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT trading_date, state_hash FROM '" + parquet + "'"))
            {
                rows.next();
                assertEquals(20250102L, rows.getLong(1));
                assertEquals(99L, rows.getLong(2));
            }
            assertThrows(IllegalArgumentException.class, () -> new StoreSql(store, 10, 5).exportParquet("users"));
        }
    }
}
