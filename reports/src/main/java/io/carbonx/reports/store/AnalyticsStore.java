package io.carbonx.reports.store;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The embedded DuckDB database of the analytic store: one file, its tables ({@link StoreSchema}) created if missing.
 * <p>
 * The database runs with external access off (no SQL reads or writes files) except for its own export folder, where
 * {@code COPY ... TO} writes Parquet exports; so a regulator's {@code SELECT} can read nothing but the store.
 * <p>
 * Threads: the write connection is used only by the store's writer ({@code carbonx-analytics}, see
 * {@link AnalyticsFollower}) through {@link #commit}; {@link #connect()} hands any thread a connection of its own
 * (DuckDB connections are not shared between threads), duplicated under a lock from one kept for that alone.
 */
public final class AnalyticsStore implements AutoCloseable
{
    private static final String CHECKPOINT_THRESHOLD = "1GB";

    private final Path file;
    private final Path exportDirectory;
    private final DuckDBConnection writer;
    private final DuckDBConnection factory;
    private final PreparedStatement progress;
    private final PreparedStatement begin;
    private final Map<String, DuckDBAppender> appenders = new HashMap<>();
    private boolean inTransaction;
    private volatile boolean closed;

    private AnalyticsStore(final Path file, final Path exportDirectory, final DuckDBConnection writer,
        final DuckDBConnection factory) throws SQLException
    {
        this.file = file;
        this.exportDirectory = exportDirectory;
        this.writer = writer;
        this.factory = factory;
        this.progress = writer.prepareStatement("INSERT INTO progress VALUES (?)");
        this.begin = writer.prepareStatement("SELECT 1");
    }

    /**
     * Open (or create) the store in a file; its exports go to a folder {@code export} beside it.
     */
    public static AnalyticsStore open(final Path file)
    {
        final Path absolute = file.toAbsolutePath();
        final Path exports = absolute.getParent().resolve("export");
        try
        {
            Files.createDirectories(exports);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the analytic store's folder " + exports, ex);
        }
        if (exports.toString().indexOf('\'') >= 0)
        {
            throw new IllegalArgumentException("the analytic store's path may not contain a quote: " + exports);
        }
        final Properties config = new Properties();
        config.setProperty("enable_external_access", "false");
        config.setProperty("allowed_directories", "['" + exports + "/']");
        try
        {
            // the driver itself rather than DriverManager: a shaded jar need not keep its service registration
            final DuckDBConnection writer =
                (DuckDBConnection)new DuckDBDriver().connect("jdbc:duckdb:" + absolute, config);
            try (Statement statement = writer.createStatement())
            {
                // DuckDB checkpoints when the WAL reaches this (16 MB by default); each checkpoint rewrites every
                // table's last, partly filled row group, which at the store's ingest rate cost more than the appends
                statement.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
                for (final Map.Entry<String, String> table : StoreSchema.TABLES.entrySet())
                {
                    statement.execute("CREATE TABLE IF NOT EXISTS " + table.getKey() + " (" + table.getValue() + ")");
                }
                for (final String view : StoreSchema.VIEWS)
                {
                    statement.execute(view);
                }
            }
            writer.setAutoCommit(false);
            return new AnalyticsStore(absolute, exports, writer, writer.duplicate());
        }
        catch (final SQLException ex)
        {
            throw new StoreException("cannot open the analytic store " + absolute + ": " + ex.getMessage(), ex);
        }
    }

    public Path file()
    {
        return file;
    }

    Path exportDirectory()
    {
        return exportDirectory;
    }

    /**
     * @return the sequence of the last command whose rows the store holds, or -1 when it holds none.
     */
    public long lastSequence()
    {
        try (DuckDBConnection connection = connect();
            Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT coalesce(max(sequence), -1) FROM progress"))
        {
            rows.next();
            return rows.getLong(1);
        }
        catch (final SQLException ex)
        {
            throw new StoreException("cannot read the analytic store's progress: " + ex.getMessage(), ex);
        }
    }

    /**
     * Append a batch's rows to the writer's open transaction without committing them, and empty the batch: the
     * follower hands rows over every few thousand commands (bounding their memory) but commits far less often, since a
     * commit costs DuckDB a WAL write and sync. Writer thread only.
     *
     * @throws StoreException when they cannot be appended; the open transaction is rolled back.
     */
    void append(final RowBatch batch)
    {
        try
        {
            begin();
            batch.appendTo(this::appender);
        }
        catch (final SQLException ex)
        {
            throw abort(ex, "cannot append to the analytic store");
        }
        batch.clear();
    }

    /**
     * Append a batch's rows and commit everything appended since the last commit together with the progress row of
     * its last command, in one transaction: a crash leaves either all of them or none. Writer thread only.
     */
    void commit(final RowBatch batch, final long sequence)
    {
        append(batch);
        try
        {
            for (final DuckDBAppender appender : appenders.values())
            {
                appender.flush();
            }
            progress.setLong(1, sequence);
            progress.execute();
            writer.commit();
            inTransaction = false;
        }
        catch (final SQLException ex)
        {
            throw abort(ex, "cannot write to the analytic store at sequence " + sequence);
        }
    }

    /**
     * Open the writer's transaction if none is: the JDBC driver begins one lazily at a statement, and an Appender
     * flushing outside one would commit its rows on its own.
     */
    private void begin() throws SQLException
    {
        if (!inTransaction)
        {
            begin.execute();
            inTransaction = true;
        }
    }

    private DuckDBAppender appender(final String table) throws SQLException
    {
        DuckDBAppender appender = appenders.get(table);
        if (appender == null)
        {
            // kept open across commits: creating one costs a catalog lookup, and its rows flush into whichever
            // transaction the writer connection has open
            appender = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
            appenders.put(table, appender);
        }
        return appender;
    }

    /**
     * Drop the uncommitted rows: the Appenders (whose buffered rows would otherwise flush into the next transaction)
     * and the open transaction.
     */
    private StoreException abort(final SQLException ex, final String what)
    {
        try
        {
            dropUncommitted(ex);
        }
        catch (final SQLException rollback)
        {
            ex.addSuppressed(rollback);
        }
        return new StoreException(what + ": " + ex.getMessage(), ex);
    }

    private void dropUncommitted(final SQLException failure) throws SQLException
    {
        begin();
        closeAppenders(failure);
        writer.rollback();
        inTransaction = false;
    }

    private void closeAppenders(final SQLException failure)
    {
        for (final DuckDBAppender appender : appenders.values())
        {
            try
            {
                appender.close();
            }
            catch (final SQLException ex)
            {
                if (failure != null)
                {
                    failure.addSuppressed(ex);
                }
            }
        }
        appenders.clear();
    }

    /**
     * @return a connection for the calling thread; the caller closes it.
     */
    public DuckDBConnection connect() throws SQLException
    {
        synchronized (factory)
        {
            if (closed)
            {
                throw new SQLException("the analytic store is closed");
            }
            return factory.duplicate();
        }
    }

    @Override
    public void close()
    {
        synchronized (factory)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            try
            {
                // uncommitted rows are dropped (the rollback); the follower commits before it stops
                dropUncommitted(null);
                begin.close();
                progress.close();
                factory.close();
                writer.close();
            }
            catch (final SQLException ex)
            {
                throw new StoreException("cannot close the analytic store: " + ex.getMessage(), ex);
            }
        }
    }
}
