package io.carbonx.server;

import io.carbonx.server.ApiClient.Answer;
import io.carbonx.server.calendar.SettableClock;
import io.carbonx.server.config.ConfigException;
import io.carbonx.server.config.ExchangeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.ExecType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static io.carbonx.server.ApiClient.REGULATOR;
import static io.carbonx.server.TestExchange.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The embedded configuration's China calendar (Asia/Shanghai, Monday to Friday, 2026's public holidays, sessions
 * 09:30-11:30 and 13:00-15:00) through the real server: the end of a trading day is refused when repeated,
 * backdated, ahead of the date in Shanghai, or on a day without trading; and with the scheduler on, under a clock the
 * test sets, a trading day arrives as commands at the calendar's times.
 */
class TradingCalendarApiTest
{
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path folder;

    private TestExchange exchange;
    private ApiClient api;
    private int clOrdIds;

    @AfterEach
    void stop()
    {
        if (exchange != null)
        {
            exchange.close();
        }
    }

    @Test
    void theEndOfATradingDayIsRefusedWhenRepeatedBackdatedInTheFutureOrNotATradingDay() throws Exception
    {
        exchange = TestExchange.http(folder);
        api = exchange.api();

        assertRefused("2026-11-21", "NOT_A_TRADING_DAY"); // a Saturday
        assertRefused("2026-10-01", "NOT_A_TRADING_DAY"); // National Day, a Thursday
        assertRefused(LocalDate.now(SHANGHAI).plusDays(1).toString(), "TRADING_DATE_IN_FUTURE");
        assertEquals(200, endOfDay("2026-11-20").status(), "a Friday");
        assertRefused("2026-11-20", "TRADING_DATE_NOT_AFTER_LAST");
        assertRefused("2026-11-19", "TRADING_DATE_NOT_AFTER_LAST");
        assertEquals(200, endOfDay("2026-11-23").status(), "the next Monday");
    }

    @Test
    void aDateOnlyDeadlineEndsThatDayInShanghaiAndIsEchoedAsThatDate() throws Exception
    {
        exchange = TestExchange.http(folder);
        api = exchange.api();

        final Answer opened = api.post(REGULATOR, "/commands/open-compliance-year",
            "{\"year\":2027,\"deadline\":\"2028-06-30\"}");
        assertEquals(200, opened.status(), opened.body());
        assertEquals("2028-06-30", opened.json().get("events").get(0).get("deadline").asText());
        assertEquals("2028-06-30", api.get(REGULATOR, "/compliance/2027").json().get("deadline").asText());

        final Answer timed = api.post(REGULATOR, "/commands/open-compliance-year",
            "{\"year\":2028,\"deadline\":\"2029-06-30T23:00:00+08:00\"}");
        assertEquals(200, timed.status(), timed.body());
        assertEquals("2029-06-30T15:00:00Z", timed.json().get("events").get(0).get("deadline").asText(),
            "a deadline with a time is shown as the instant");
    }

    @Test
    void aScheduledTradingDayArrivesAsCommandsAtTheCalendarsTimes() throws Exception
    {
        // Monday 7 December 2026, 09:00 in Shanghai (UTC+8); the server's own clock is later, so the engine's is too
        final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T01:00:00Z"));
        final ExchangeConfig demo = TestExchange.demo(folder, true);
        exchange = TestExchange.start(folder, demo.withServer(demo.server().withScheduler(true)), clock)
            .awaitGenesis();
        api = exchange.api();
        final FixClient citic = exchange.connect("CITIC");

        // before the open: the scheduler's first command closed the market
        await().atMost(Duration.ofMillis(WAIT)).until(() -> orderAnswer(citic) == ExecType.REJECTED);
        moveTo(clock, "2026-12-07T01:30:00Z");
        await().atMost(Duration.ofMillis(WAIT)).until(() -> orderAnswer(citic) == ExecType.NEW);
        moveTo(clock, "2026-12-07T03:30:00Z");
        await().atMost(Duration.ofMillis(WAIT)).until(() -> orderAnswer(citic) == ExecType.REJECTED);
        moveTo(clock, "2026-12-07T05:00:00Z");
        await().atMost(Duration.ofMillis(WAIT)).until(() -> orderAnswer(citic) == ExecType.NEW);

        moveTo(clock, "2026-12-07T07:00:00Z"); // 15:00: closed, and the day ended by the scheduler
        await().atMost(Duration.ofMillis(WAIT)).until(() -> orderAnswer(citic) == ExecType.REJECTED);
        await().atMost(Duration.ofMillis(WAIT))
            .until(() -> "TRADING_DATE_NOT_AFTER_LAST".equals(endOfDay("2026-12-07").error()));
        assertRefused("2026-12-04", "TRADING_DATE_NOT_AFTER_LAST");
    }

    @Test
    void theSchedulerWithoutSessionsIsRefusedAtStart()
    {
        final ExchangeConfig demo = TestExchange.demo(folder, false);
        final ExchangeConfig.SchemeConfig scheme = demo.scheme();
        final ExchangeConfig.SchemeConfig everyDay = new ExchangeConfig.SchemeConfig(scheme.name(),
            scheme.feeAccount(), scheme.buyerFee(), scheme.sellerFee(), scheme.holdingLimits(), scheme.blockThreshold(),
            scheme.blockPriceBandBps(), scheme.blockTradesInClose(), scheme.preset(), scheme.compliance(), null, null,
            null);
        final ExchangeConfig config = new ExchangeConfig(demo.server().withScheduler(true), everyDay,
            demo.instruments(), demo.accounts(), demo.sessions(), demo.apiUsers());

        final ConfigException error = assertThrows(ConfigException.class, () -> ExchangeServer.start(config));
        assertEquals("server.scheduler: scheme.calendar.sessions is empty: nothing to schedule", error.getMessage());
    }

    private void moveTo(final SettableClock clock, final String instant)
    {
        clock.set(instant);
        exchange.server().scheduler().wake();
    }

    /**
     * Send a 1 t buy order for CEA-2025 and return the ExecType of its first ExecutionReport.
     */
    private char orderAnswer(final FixClient client) throws Exception
    {
        client.send(TestExchange.limitOrder("CAL-" + ++clOrdIds, "3001", "CEA-2025", '1', 1, "85.00", '0'));
        final Message report = client.next("8", WAIT);
        assertNotNull(report, "no ExecutionReport");
        return report.getChar(ExecType.FIELD);
    }

    private Answer endOfDay(final String date) throws Exception
    {
        return api.post(REGULATOR, "/commands/end-of-trading-day", "{\"tradingDate\":\"" + date + "\"}");
    }

    private void assertRefused(final String date, final String reason) throws Exception
    {
        final Answer answer = endOfDay(date);
        assertEquals(422, answer.status(), date + ": " + answer.body());
        assertEquals(reason, answer.error(), date);
        assertEquals("CommandRejected", answer.json().get("events").get(0).get("type").asText());
    }
}
