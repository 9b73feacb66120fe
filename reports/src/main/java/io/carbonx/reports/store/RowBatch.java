package io.carbonx.reports.store;

import org.duckdb.DuckDBAppender;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows collected for the store since they were last handed to the store, per table; {@link #appendTo} writes them
 * with DuckDB's Appenders (the store keeps one open per table). Values are {@code Long}, {@code Integer},
 * {@code String}, {@code Boolean} or null. Written and read only by the store's writing thread
 * ({@code carbonx-analytics}, or the thread of a test driving a {@link StoreWriter}).
 */
final class RowBatch
{
    private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();
    private int count;

    void add(final String table, final Object... values)
    {
        rows.computeIfAbsent(table, ignored -> new ArrayList<>()).add(values);
        count++;
    }

    int count()
    {
        return count;
    }

    void clear()
    {
        rows.clear();
        count = 0;
    }

    /**
     * The store's open Appender of a table.
     */
    interface Appenders
    {
        DuckDBAppender of(String table) throws SQLException;
    }

    /**
     * Append every row, table by table, to the Appenders (which flush into the writer connection's open
     * transaction); the caller commits.
     */
    void appendTo(final Appenders appenders) throws SQLException
    {
        for (final Map.Entry<String, List<Object[]>> table : rows.entrySet())
        {
            final DuckDBAppender appender = appenders.of(table.getKey());
            for (final Object[] row : table.getValue())
            {
                appender.beginRow();
                for (final Object value : row)
                {
                    append(appender, value);
                }
                appender.endRow();
            }
        }
    }

    private static void append(final DuckDBAppender appender, final Object value) throws SQLException
    {
        if (value == null)
        {
            appender.appendNull();
        }
        else if (value instanceof Long number)
        {
            appender.append(number.longValue());
        }
        else if (value instanceof Integer number)
        {
            // every whole-number column is a BIGINT, and the appender wants the column's own type
            appender.append(number.longValue());
        }
        else if (value instanceof Boolean flag)
        {
            appender.append(flag.booleanValue());
        }
        else
        {
            appender.append(value.toString());
        }
    }
}
