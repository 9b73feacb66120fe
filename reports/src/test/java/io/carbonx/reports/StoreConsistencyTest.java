package io.carbonx.reports;

import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.TestSettings;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.reports.store.AnalyticsFollower;
import io.carbonx.reports.store.AnalyticsStore;
import io.carbonx.reports.store.StoreReports;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analytic store's reports equal the replay folds' (the reference) on random command streams: every kind, every
 * day (and the open day), every compliance year, two large-holder thresholds.
 */
class StoreConsistencyTest
{
    static final ExchangeSettings SETTINGS = TestSettings.settings(HoldingLimits.unlimited());
    static final Map<Long, String> NAMES = Map.of(ReportScenario.E, "Enterprise E", ReportScenario.F, "F Ltd");

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void everyReportFromTheStoreEqualsTheReplayFold(final long seed)
    {
        final Path journal = folder.resolve("journal");
        try (RandomJournal stream = new RandomJournal(journal, seed))
        {
            stream.genesis().commands(400);
        }
        try (AnalyticsStore store = AnalyticsStore.open(folder.resolve("analytics").resolve("carbonx.duckdb"));
            AnalyticsFollower follower = new AnalyticsFollower(store, SETTINGS, journal, null, RandomJournal.USERS))
        {
            follower.recover();
            follower.catchUp();
            assertSameReports(journal, new StoreReports(store, follower, SETTINGS, ReportScenario.INSTRUMENTS, NAMES,
                1_000));
        }
    }

    /**
     * Compare every report the journal has, from the store and from a replay.
     *
     * @return how many tables were compared.
     */
    static int assertSameReports(final Path journal, final StoreReports store)
    {
        final Reports replay =
            new Reports(journal, SETTINGS, ReportScenario.INSTRUMENTS, RandomJournal.USERS, NAMES);
        final List<ReportFold> folds = new ArrayList<>();
        final List<String> kinds = List.of("market", "settlement", "registry-log", "auctions", "large-holders",
            "large-holders", "compliance");
        final long[] thresholds = {0, 0, 0, 0, 1, 500, 0};
        for (int i = 0; i < kinds.size(); i++)
        {
            folds.add(replay.fold(kinds.get(i), thresholds[i]));
        }
        final List<Integer> days = replay.buildAll(folds);
        int compared = 0;
        final Map<String, Integer> rowsByKind = new java.util.TreeMap<>();
        for (int i = 0; i < kinds.size(); i++)
        {
            final String kind = kinds.get(i);
            if (kind.equals("compliance"))
            {
                for (int year = 2025; year <= 2040; year++)
                {
                    final Table expected = folds.get(i).table(year);
                    final Reports.Result actual = store.build(kind, year, thresholds[i]);
                    assertSame(kind + " " + year, expected, actual.table());
                    compared += expected == null ? 0 : 1;
                    rowsByKind.merge(kind, expected == null ? 0 : expected.rows().size(), Integer::sum);
                }
                continue;
            }
            for (final int day : days)
            {
                final Table expected = folds.get(i).table(day);
                assertNotNull(expected, kind + " " + day);
                final Reports.Result actual = store.build(kind, day, thresholds[i]);
                assertEquals(days, actual.days(), "days");
                assertSame(kind + " " + day, expected, actual.table());
                assertTrue(actual.sequence() >= 0 && actual.stateHash().length() == 16, kind + " provenance");
                compared++;
                rowsByKind.merge(kind, expected.rows().size(), Integer::sum);
            }
        }
        assertFalse(store.build("market", 19990101, 0).table() != null, "a day the journal does not have");
        System.out.println("compared " + compared + " tables over " + days.size() + " days: rows " + rowsByKind);
        for (final String kind : List.of("market", "settlement", "registry-log", "large-holders"))
        {
            assertTrue(rowsByKind.get(kind) > 0, "the stream made " + kind + " rows");
        }
        return compared;
    }

    private static void assertSame(final String what, final Table expected, final Table actual)
    {
        if (expected == null)
        {
            assertEquals(null, actual, what);
            return;
        }
        assertNotNull(actual, what);
        assertEquals(expected.columns(), actual.columns(), what);
        assertEquals(expected.toCsv(), actual.toCsv(), what);
        assertEquals(expected.rows(), actual.rows(), what + " (value types)");
    }
}
