package io.carbonx.gateway.http;

import io.carbonx.reports.JournalReports;
import io.carbonx.reports.ReportSource;
import io.carbonx.reports.Reports;
import io.carbonx.reports.Table;

import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.server.config.ConfigLoader;
import io.carbonx.server.config.EngineSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Report builds are bounded per user (429) and in total (503), and a closed day's report is served without a build.
 * The builds are held inside the source by a latch, so the test knows exactly how many run.
 */
class ReportBuildLimitsTest
{
    private static final ApiUser ALICE = new ApiUser("alice", ApiRole.REGULATOR, Set.of(), 0, 1);
    private static final ApiUser BOB = new ApiUser("bob", ApiRole.REGULATOR, Set.of(), 0, 2);
    private static final ApiUser CAROL = new ApiUser("carol", ApiRole.REGULATOR, Set.of(), 0, 3);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop()
    {
        threads.shutdownNow();
    }

    /**
     * Builds wait for {@link #release}, and say when they have begun.
     */
    private static final class HeldSource implements ReportSource
    {
        final Semaphore begun = new Semaphore(0);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger builds = new AtomicInteger();

        @Override
        public Reports.Result cached(final String kind, final int date, final long threshold)
        {
            return date == 20261120 ? new Reports.Result(new Table("day").row("cached"), List.of(20261120, 0)) : null;
        }

        @Override
        public Reports.Result build(final String kind, final int date, final long threshold)
        {
            builds.incrementAndGet();
            begun.release();
            try
            {
                assertTrue(release.await(60, TimeUnit.SECONDS));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            return new Reports.Result(new Table("day").row("built"), List.of(0));
        }
    }

    @Test
    void buildsBeyondTheUsersCapAre429AndBeyondTheTotalCap503() throws Exception
    {
        final HeldSource source = new HeldSource();
        final RouteHandler report = routes(source, new HttpLimits(60_000, 10_000, 10, 10, 2, 1));

        final Future<ApiResponse> alices = threads.submit(() -> report.handle(request(ALICE, "open")));
        assertTrue(source.begun.tryAcquire(60, TimeUnit.SECONDS));
        final ApiException again = assertThrows(ApiException.class, () -> report.handle(request(ALICE, "open")));
        assertEquals(429, again.status());
        assertEquals("user 'alice' already has 1 report(s) being built; retry when it is done", again.getMessage());

        final Future<ApiResponse> bobs = threads.submit(() -> report.handle(request(BOB, "open")));
        assertTrue(source.begun.tryAcquire(60, TimeUnit.SECONDS));
        final ApiException full = assertThrows(ApiException.class, () -> report.handle(request(CAROL, "open")));
        assertEquals(503, full.status());
        assertEquals("2 reports are being built; retry shortly", full.getMessage());

        assertEquals(200, report.handle(request(CAROL, "2026-11-20")).status(), "a closed day's report needs no build");
        assertEquals(2, source.builds.get());

        source.release.countDown();
        assertEquals(200, alices.get(60, TimeUnit.SECONDS).status());
        assertEquals(200, bobs.get(60, TimeUnit.SECONDS).status());
        assertEquals(200, report.handle(request(CAROL, "open")).status(), "the permits are returned after a build");
        assertEquals(200, report.handle(request(ALICE, "open")).status());
    }

    @Test
    void replayBooksAreSizedByWhatTheJournalCouldHaveFilled()
    {
        final ExchangeSettings settings = new EngineSetup(ConfigLoader.loadDefault()).settings();
        assertEquals(101, JournalReports.sizedFor(settings, 100).orderCapacityPerBook(),
            "a book of n commands' orders");
        assertEquals(1, JournalReports.sizedFor(settings, 0).orderCapacityPerBook());
        assertSame(settings, JournalReports.sizedFor(settings, Long.MAX_VALUE - 1),
            "never above the configured capacity");
        assertEquals(settings.fees(), JournalReports.sizedFor(settings, 100).fees());
        assertEquals(100, JournalReports.sizedFor(settings, 100).serialRangeCapacity(),
            "no serial range pool larger than the journal's commands");
        assertEquals(settings.serialRangeCapacity(),
            JournalReports.sizedFor(settings, Long.MAX_VALUE - 1).serialRangeCapacity());
    }

    private static RouteHandler routes(final ReportSource source, final HttpLimits limits)
    {
        final RouteTable routes = new RouteTable();
        // the market report needs no authorization, so no authorizer
        new ReportEndpoints(source, null, null, limits).register(routes);
        return routes.match("GET", "/reports/market").handler();
    }

    private static ApiRequest request(final ApiUser user, final String date)
    {
        return new ApiRequest(user, Map.of("kind", "market"), Map.of("date", date), new byte[0]);
    }
}
