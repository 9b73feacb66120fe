package io.carbonx.reports.store;

import io.carbonx.reports.Table;
import org.duckdb.DuckDBConnection;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Regulators' read-only SQL over the analytic store, and Parquet exports of its tables and of reports.
 * <p>
 * Read-only: DuckDB's own parser must find exactly one {@code SELECT} (anything else is refused before it runs), it
 * runs on a connection of its own inside a transaction that is always rolled back, and the database reaches no file
 * but its own (see {@link AnalyticsStore}). DuckDB refuses a second, read-only open of a file this process already has
 * open read-write, which is why this is not a {@code duckdb.read_only} connection. Rows are capped, time is bounded by
 * the statement's query timeout (DuckDB interrupts the query).
 * <p>
 * Thread-safe: each call uses a connection of its own.
 */
public final class StoreSql
{
    /**
     * Why a query was refused: {@code NOT_A_SELECT}, {@code INVALID} (DuckDB's message), {@code TIMEOUT}.
     */
    public static final class QueryException extends RuntimeException
    {
        private final String kind;

        QueryException(final String kind, final String message)
        {
            super(message);
            this.kind = kind;
        }

        public String kind()
        {
            return kind;
        }
    }

    /**
     * @param truncated whether the query had more rows than the limit.
     */
    public record Result(List<String> columns, List<List<Object>> rows, boolean truncated)
    {
    }

    private final AnalyticsStore store;
    private final int maxRows;
    private final int timeoutSeconds;

    public StoreSql(final AnalyticsStore store, final int maxRows, final int timeoutSeconds)
    {
        this.store = store;
        this.maxRows = maxRows;
        this.timeoutSeconds = timeoutSeconds;
    }

    public int maxRows()
    {
        return maxRows;
    }

    /**
     * Run one SELECT.
     *
     * @return its columns and up to the row limit of rows: whole numbers as numbers, everything else (decimals,
     * dates, text) as text.
     * @throws QueryException when it is not one SELECT, does not run, or runs out of time.
     */
    public Result select(final String sql)
    {
        try (DuckDBConnection connection = store.connect())
        {
            connection.setAutoCommit(false);
            try
            {
                requireOneSelect(connection, sql);
                return run(connection, sql);
            }
            finally
            {
                connection.rollback();
            }
        }
        catch (final SQLException ex)
        {
            throw new StoreException("the analytic store cannot run queries: " + ex.getMessage(), ex);
        }
    }

    private Result run(final DuckDBConnection connection, final String sql)
    {
        try (Statement statement = connection.createStatement())
        {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setMaxRows(maxRows + 1);
            try (ResultSet rows = statement.executeQuery(sql))
            {
                final ResultSetMetaData meta = rows.getMetaData();
                final List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++)
                {
                    columns.add(meta.getColumnLabel(i));
                }
                final List<List<Object>> result = new ArrayList<>();
                boolean truncated = false;
                while (rows.next())
                {
                    if (result.size() == maxRows)
                    {
                        truncated = true;
                        break;
                    }
                    final List<Object> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++)
                    {
                        row.add(value(rows.getObject(i)));
                    }
                    result.add(row);
                }
                return new Result(columns, result, truncated);
            }
        }
        catch (final SQLException ex)
        {
            final String message = String.valueOf(ex.getMessage());
            if (message.contains("INTERRUPT") || message.contains("Interrupted"))
            {
                throw new QueryException("TIMEOUT", "the query ran longer than " + timeoutSeconds + " s");
            }
            throw new QueryException("INVALID", firstLine(message));
        }
    }

    private static void requireOneSelect(final DuckDBConnection connection, final String sql)
    {
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT json_extract_string(j, '$.error'), json_extract_string(j, '$.error_message'), " +
                "json_array_length(j, '$.statements') FROM (SELECT json_serialize_sql(?::VARCHAR) AS j)"))
        {
            statement.setString(1, sql);
            try (ResultSet rows = statement.executeQuery())
            {
                rows.next();
                if ("true".equals(rows.getString(1)))
                {
                    final String error = String.valueOf(rows.getString(2));
                    throw error.contains("Only SELECT") ?
                        new QueryException("NOT_A_SELECT", "only one SELECT statement may be run") :
                        new QueryException("INVALID", firstLine(error));
                }
                if (rows.getLong(3) != 1)
                {
                    throw new QueryException("NOT_A_SELECT", "exactly one SELECT statement may be run, found " +
                        rows.getLong(3));
                }
            }
        }
        catch (final SQLException ex)
        {
            throw new QueryException("INVALID", firstLine(String.valueOf(ex.getMessage())));
        }
    }

    /**
     * Write a table (or view) of the store as a Parquet file in the store's export folder.
     *
     * @return the file; the caller deletes it once sent.
     * @throws IllegalArgumentException for a name that is not one of the store's tables.
     */
    public Path exportParquet(final String table)
    {
        if (!StoreSchema.has(table))
        {
            throw new IllegalArgumentException("no table '" + table + "'");
        }
        final Path file = store.exportDirectory().resolve(table + "-" + UUID.randomUUID() + ".parquet");
        try (DuckDBConnection connection = store.connect(); Statement statement = connection.createStatement())
        {
            statement.execute("COPY (SELECT * FROM " + table + ") TO '" + file + "' (FORMAT PARQUET)");
            return file;
        }
        catch (final SQLException ex)
        {
            deleteQuietly(file);
            throw new StoreException("cannot export " + table + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Write a report's table as a Parquet file in the store's export folder, typed as the report's values are: a
     * column of whole numbers (fixed-point amounts, quantities, ids) is BIGINT, one of booleans BOOLEAN, any other
     * VARCHAR (formatted money and dates, as in the CSV).
     *
     * @return the file; the caller deletes it once sent.
     */
    public Path exportParquet(final Table report, final String name)
    {
        final Path file = store.exportDirectory().resolve(name + "-" + UUID.randomUUID() + ".parquet");
        final List<String> columns = report.columns();
        final StringBuilder create = new StringBuilder("CREATE TEMP TABLE report (");
        final StringBuilder insert = new StringBuilder("INSERT INTO report VALUES (");
        for (int i = 0; i < columns.size(); i++)
        {
            create.append(i == 0 ? "" : ", ").append('"').append(columns.get(i).replace("\"", "\"\""))
                .append("\" ").append(sqlType(report, i));
            insert.append(i == 0 ? "?" : ", ?");
        }
        try (DuckDBConnection connection = store.connect(); Statement statement = connection.createStatement())
        {
            statement.execute(create.append(')').toString());
            try (PreparedStatement rows = connection.prepareStatement(insert.append(')').toString()))
            {
                for (final List<Object> row : report.rows())
                {
                    for (int i = 0; i < row.size(); i++)
                    {
                        rows.setObject(i + 1, value(row.get(i)));
                    }
                    rows.addBatch();
                }
                rows.executeBatch();
            }
            statement.execute("COPY report TO '" + file + "' (FORMAT PARQUET)");
            return file;
        }
        catch (final SQLException ex)
        {
            deleteQuietly(file);
            throw new StoreException("cannot export the " + name + " report: " + ex.getMessage(), ex);
        }
    }

    private static String sqlType(final Table report, final int column)
    {
        String type = null;
        for (final List<Object> row : report.rows())
        {
            final Object value = value(row.get(column));
            final String valueType = value == null ? null : value instanceof Long ? "BIGINT" :
                value instanceof Boolean ? "BOOLEAN" : "VARCHAR";
            if (valueType != null && type != null && !type.equals(valueType))
            {
                return "VARCHAR";
            }
            type = valueType == null ? type : valueType;
        }
        return type == null ? "VARCHAR" : type;
    }

    private static void deleteQuietly(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final java.io.IOException ignored)
        {
            // nothing was written, or it is removed with the next export folder clean-up
        }
    }

    private static Object value(final Object value)
    {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long)
        {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte)
        {
            return ((Number)value).longValue();
        }
        if (value instanceof BigInteger big)
        {
            return big.bitLength() < 64 ? (Object)big.longValue() : big.toString();
        }
        if (value instanceof BigDecimal decimal)
        {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    private static String firstLine(final String message)
    {
        final int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
