package io.carbonx.server;

import io.carbonx.engine.instrument.Instruments;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.gateway.http.HttpGateway;
import io.carbonx.reports.store.AnalyticsFollower;
import io.carbonx.reports.store.AnalyticsStore;
import io.carbonx.reports.store.StoreReports;
import io.carbonx.reports.store.StoreSql;
import io.carbonx.reports.surveillance.AlertListener;
import io.carbonx.server.config.EngineSetup;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.server.config.ExchangeConfig.AnalyticsConfig;

import java.nio.file.Path;

/**
 * The analytic store as the server runs it: the DuckDB file, the journal follower that fills it on
 * {@code carbonx-analytics}, and the reports and SQL over it. Opened and recovered by the thread composing the server,
 * before the engine starts (the follower resumes from an engine snapshot then); closed by the one stopping it.
 */
final class Analytics implements AutoCloseable
{
    private final AnalyticsStore store;
    private final AnalyticsFollower follower;
    private final StoreReports reports;
    private final StoreSql sql;

    private Analytics(final AnalyticsStore store, final AnalyticsFollower follower, final StoreReports reports,
        final StoreSql sql)
    {
        this.store = store;
        this.follower = follower;
        this.reports = reports;
        this.sql = sql;
    }

    /**
     * @param alerts gets the surveillance monitor's alerts, which the follower runs (the recovered ones at once, then
     *               each batch's once committed).
     * @return the store, recovered to the last sequence it holds, or null when the configuration turns it off.
     * @throws ServerStartException when it cannot be opened or belongs to another journal.
     */
    static Analytics open(final ExchangeConfig config, final EngineSetup setup, final EngineSettings engineSettings,
        final Path data, final Instruments instruments, final AlertListener alerts)
    {
        final AnalyticsConfig settings = config.server().analyticsOrDefault();
        if (!settings.on())
        {
            return null;
        }
        final Path file = settings.file(data);
        AnalyticsStore store = null;
        try
        {
            store = AnalyticsStore.open(file);
            final AnalyticsFollower follower = new AnalyticsFollower(store, setup.settings(),
                engineSettings.journalDirectory(), engineSettings.snapshotDirectory(), setup.userNames());
            follower.surveil(setup.surveillance(), alerts);
            follower.recover();
            return new Analytics(store, follower,
                new StoreReports(store, follower, setup.settings(), instruments, config.accountNames(),
                    HttpGateway.TIMEOUT_MS),
                new StoreSql(store, settings.sqlMaxRowsOrDefault(), settings.sqlTimeoutSecondsOrDefault()));
        }
        catch (final RuntimeException ex)
        {
            if (store != null)
            {
                store.close();
            }
            throw new ServerStartException("cannot open the analytic store " + file.toAbsolutePath() + ": " +
                ex.getMessage(), ex);
        }
    }

    void start()
    {
        follower.start();
    }

    StoreReports reports()
    {
        return reports;
    }

    StoreSql sql()
    {
        return sql;
    }

    AnalyticsFollower follower()
    {
        return follower;
    }

    @Override
    public void close()
    {
        follower.close();
        store.close();
    }

    @Override
    public String toString()
    {
        return "analytic store " + store.file();
    }
}
