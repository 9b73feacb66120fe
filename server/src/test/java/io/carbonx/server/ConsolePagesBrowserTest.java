package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonx.reports.store.StoreSchema;
import io.carbonx.server.ApiClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import quickfix.Message;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.carbonx.server.ApiClient.BROKER1;
import static io.carbonx.server.ApiClient.CITIC;
import static io.carbonx.server.ApiClient.HUANENG;
import static io.carbonx.server.ApiClient.REGULATOR;
import static io.carbonx.server.TestExchange.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Compliance, Auctions, Surveillance, Reports and Regulator actions pages in a real headless Chromium against a
 * real server whose data were made through its API and FIX: what a regulator sees of a compliance year with a
 * complete, a late and an incomplete enterprise, a cleared auction, the large holders, a report downloaded with the
 * session's cookie, the regulator's forms (a refusal with the API's own message, and commands that succeed); and what
 * an enterprise is refused. Every page is saved under {@code target/screenshots/}.
 * <p>
 * The year 2025 (China preset): 1001 (Huaneng) emits 100,000 t and surrenders them on time: COMPLETE; 1002 (Baosteel)
 * emits 40,000 t, surrenders 10,000 t on time and 30,000 t after the deadline: LATE; 1003 (Datang) emits 30,000 t and
 * surrenders none: INCOMPLETE with a shortfall of 30,000 t and a fine of 5 x the reference price per tonne short. The
 * auction offers 10,000 t: bids 6,000 t at 90.00 (1001), 5,000 t at 89.00 (1002), 3,000 t at 85.00 (3001); the
 * cumulative demand reaches 10,000 t at 89.00, so 1001 gets 6,000 t, 1002 the remaining 4,000 t, 3001 nothing.
 */
class ConsolePagesBrowserTest
{
    private static final String SYMBOL = "CEA-2025";

    @RegisterExtension
    final RunningExchange running = new RunningExchange();
    @RegisterExtension
    final ConsoleBrowser browser = new ConsoleBrowser();

    @TempDir
    Path folder;

    private ApiClient api;
    private int clOrdIds;

    private TestExchange exchange() throws Exception
    {
        final TestExchange exchange = running.start(folder, TestExchange.demo(folder, true));
        api = exchange.api();
        browser.at(exchange.server().httpPort());
        return exchange;
    }

    /**
     * One trade of 100 at 92.00, Huaneng (1001) selling to Citic (3001), so the day's market report has a row.
     */
    private void trade(final TestExchange exchange) throws Exception
    {
        final List<FixClient> members = exchange.connectAll("BROKER1", "CITIC");
        members.get(1).send(order("3001", '1', 100, "92.00"));
        assertNotNull(members.get(1).next("8", WAIT));
        members.get(0).send(order("1001", '2', 100, "92.00"));
        assertNotNull(members.get(0).next("8", WAIT));
    }

    private Message order(final String account, final char side, final long quantity, final String price)
    {
        return TestExchange.limitOrder("PAGES-" + ++clOrdIds, account, SYMBOL, side, quantity, price, '1');
    }

    private JsonNode ok(final String token, final String command, final String body) throws Exception
    {
        final Answer answer = api.post(token, "/commands/" + command, body);
        assertEquals(200, answer.status(), command + ": " + answer.body());
        return answer.json();
    }

    private static String surrender(final int year, final long account, final long quantity)
    {
        return "{\"year\":" + year + ",\"account\":" + account + ",\"instrument\":\"" + SYMBOL + "\",\"quantity\":" +
            quantity + "}";
    }

    private static String bid(final int bidId, final long account, final String price, final long quantity)
    {
        return "{\"auctionId\":1,\"bidId\":" + bidId + ",\"account\":" + account + ",\"price\":\"" + price +
            "\",\"quantity\":" + quantity + "}";
    }

    /** GET a path in the browser, signed in by its cookie as the page's links are: "status\nbody". */
    private String fetchInBrowser(final String path)
    {
        return (String)((JavascriptExecutor)browser.driver()).executeAsyncScript(
            "const done = arguments[arguments.length - 1];" +
            "fetch(arguments[0], {credentials: 'same-origin'})" +
            ".then(r => r.text().then(t => done(r.status + '\\n' + t))).catch(e => done('failed ' + e));", path);
    }

    private void fill(final String form, final String field, final String value)
    {
        final WebElement input = browser.driver().findElement(By.cssSelector("#" + form + " [name=" + field + "]"));
        if (input.getTagName().equals("select"))
        {
            new Select(input).selectByValue(value);
        }
        else
        {
            input.clear();
            input.sendKeys(value);
        }
    }

    private Object chart(final String id, final String expression)
    {
        return browser.script("const o = echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption();" +
            "return " + expression + ";", id);
    }

    @Test
    void aRegulatorSeesComplianceAuctionsSurveillanceAndReportsAndActsThroughForms() throws Exception
    {
        final TestExchange exchange = exchange();
        trade(exchange);

        // Far enough ahead that the on-time steps finish before it even on a slow, shared machine.
        final Instant deadline = Instant.now().plusSeconds(10);
        ok(REGULATOR, "open-compliance-year", "{\"year\":2025,\"deadline\":\"" + deadline + "\"}");
        ok(REGULATOR, "record-emissions", "{\"year\":2025,\"account\":1001,\"emissions\":100000}");
        ok(REGULATOR, "record-emissions", "{\"year\":2025,\"account\":1002,\"emissions\":40000}");
        ok(REGULATOR, "record-emissions", "{\"year\":2025,\"account\":1003,\"emissions\":30000}");
        ok(REGULATOR, "allocate-allowances", "{\"year\":2025,\"account\":1003,\"instrument\":\"" + SYMBOL +
            "\",\"quantity\":5000}");
        ok(HUANENG, "surrender-units", surrender(2025, 1001, 100_000));
        ok(BROKER1, "surrender-units", surrender(2025, 1002, 10_000));

        final Instant auctionEnd = Instant.now().plusMillis(1_500);
        ok(REGULATOR, "open-auction", "{\"auctionId\":1,\"instrument\":\"" + SYMBOL + "\",\"auctionAccount\":8001," +
            "\"volume\":10000,\"reservePrice\":\"80.00\",\"maxShareBps\":6000,\"bidWindowStart\":\"" +
            Instant.now().minusSeconds(1) + "\",\"bidWindowEnd\":\"" + auctionEnd + "\"}");
        ok(HUANENG, "submit-auction-bid", bid(1, 1001, "90.00", 6_000));
        ok(BROKER1, "submit-auction-bid", bid(2, 1002, "89.00", 5_000));
        ok(CITIC, "submit-auction-bid", bid(3, 3001, "85.00", 3_000));

        await("the deadline passes").atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(deadline));
        final JsonNode late = ok(BROKER1, "surrender-units", surrender(2025, 1002, 30_000));
        assertTrue(late.toString().contains("\"late\":true"), late.toString());
        final Answer cleared = await("the bid window ends").atMost(Duration.ofSeconds(30))
            .until(() -> api.post(REGULATOR, "/commands/close-auction", "{\"auctionId\":1}"),
                sent -> !"AUCTION_WINDOW_NOT_ENDED".equals(sent.error()));
        assertEquals(200, cleared.status(), cleared.body());

        // Regulator actions: a refusal shows the API's own message; the year's close and the next year's opening work.
        browser.open("/console/actions");
        browser.signIn("mee", "regulator-demo-token");
        browser.untilText(By.id("panel-close-compliance-year"), "Close a compliance year");
        fill("form-record-emissions", "year", "2025");
        fill("form-record-emissions", "account", "1003");
        fill("form-record-emissions", "emissions", "12x");
        browser.driver().findElement(By.id("submit-record-emissions")).click();
        final Answer refused = api.post(REGULATOR, "/commands/record-emissions",
            "{\"year\":2025,\"account\":1003,\"emissions\":\"12x\"}");
        assertEquals(400, refused.status(), refused.body());
        final WebElement refusal = browser.untilText(By.id("result-record-emissions"), refused.error());
        assertTrue(refusal.getText().contains("Error 400"), refusal.getText());

        fill("form-close-compliance-year", "year", "2025");
        browser.driver().findElement(By.id("submit-close-compliance-year")).click();
        final WebElement closed = browser.untilText(By.id("result-close-compliance-year"), "Done.");
        assertTrue(closed.getText().contains("ComplianceYearClosed"), closed.getText());
        assertTrue(closed.getText().contains("ComplianceAssessed"), closed.getText());

        fill("form-open-compliance-year", "year", "2026");
        fill("form-open-compliance-year", "deadline", "2027-06-30");
        browser.driver().findElement(By.id("submit-open-compliance-year")).click();
        browser.untilText(By.id("result-open-compliance-year"), "ComplianceYearOpened");
        assertEquals("OPEN", api.get(REGULATOR, "/compliance/2026").json().get("state").asText());
        // a second close of 2025: the engine's reject reason, as the API gives it
        browser.driver().findElement(By.id("submit-close-compliance-year")).click();
        browser.untilText(By.id("result-close-compliance-year"), "Error 422");
        final String again = api.post(REGULATOR, "/commands/close-compliance-year", "{\"year\":2025}").error();
        browser.untilText(By.id("result-close-compliance-year"), again);
        // a second auction, its bid window from the form's defaults (the next minute on, for an hour)
        fill("form-open-auction", "auctionId", "2");
        fill("form-open-auction", "instrument", SYMBOL);
        fill("form-open-auction", "volume", "5000");
        fill("form-open-auction", "reservePrice", "80.00");
        browser.driver().findElement(By.id("submit-open-auction")).click();
        final WebElement opened = browser.untilText(By.id("result-open-auction"), "AuctionOpened");
        assertTrue(opened.getText().contains("maxBidderQuantity 1250"), "25% of 5,000 t: " + opened.getText());
        browser.script("document.getElementById('panel-open-auction').scrollIntoView()");
        browser.screenshot("actions-auction");
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("actions");

        // Compliance: the closed year with its three statuses, shortfall and fine, and the surrenders over time.
        browser.open("/console/compliance?year=2025");
        final WebElement ledger = browser.untilText(By.id("ledger"), "INCOMPLETE");
        final JsonNode year = api.get(REGULATOR, "/compliance/2025").json();
        final JsonNode datang = year.get("enterprises").get(2);
        assertEquals(1003, datang.get("account").asLong());
        assertEquals(30_000, datang.get("shortfall").asLong());
        final BigDecimal fine = new BigDecimal(datang.get("referencePrice").asText())
            .multiply(BigDecimal.valueOf(5 * 30_000L));
        assertEquals(0, fine.compareTo(new BigDecimal(datang.get("penalty").asText())), datang.toString());
        final List<WebElement> rows = browser.driver().findElements(By.cssSelector("#ledger tbody tr"));
        assertEquals(4, rows.size(), "three enterprises and the total");
        assertTrue(rows.get(0).getText().contains("COMPLETE"), rows.get(0).getText());
        assertTrue(rows.get(0).getAttribute("class").contains("st-good"), rows.get(0).getAttribute("class"));
        assertTrue(rows.get(1).getText().contains("LATE"), rows.get(1).getText());
        assertTrue(rows.get(1).getText().contains("30,000"), "late tonnes: " + rows.get(1).getText());
        assertTrue(rows.get(2).getText().contains("Datang Cement (demo)"), rows.get(2).getText());
        assertTrue(rows.get(2).getText().contains(String.format("%,.2f", fine)), rows.get(2).getText());
        assertTrue(rows.get(2).getText().contains("DUE"), rows.get(2).getText());
        assertTrue(rows.get(2).getAttribute("class").contains("st-bad"), rows.get(2).getAttribute("class"));
        assertTrue(rows.get(3).getText().startsWith("Total"), rows.get(3).getText());
        assertTrue(ledger.getText().contains("170,000"), "total obligation: " + ledger.getText());
        browser.untilText(By.id("countdown"), "year closed");
        browser.untilText(By.id("total-shortfall"), "30,000");
        // from 0 at the first surrender: 1001 reaches 100% in one surrender (and stays there to the deadline); 1002
        // 25% on time, then 100% late
        browser.until(driver -> Long.valueOf(2).equals(chart("chart-progress", "o.series.length")));
        assertEquals("[[0,100,100],[0,25,100]]", String.valueOf(chart("chart-progress",
            "JSON.stringify(o.series.map(s => s.data.map(p => p[1])))")));
        browser.screenshot("compliance");
        browser.script("document.getElementById('chart-progress').scrollIntoView({block: 'end'})");
        browser.screenshot("compliance-progress");

        // Auctions: the result, the bids won and lost, and the bid curve against the volume offered.
        browser.open("/console/auctions");
        final WebElement auction = browser.untilText(By.id("auction-1"), "CLEARED");
        assertTrue(auction.getText().contains("89.00"), auction.getText());
        final WebElement bids = browser.untilText(By.id("bids-1"), "LOST");
        assertTrue(bids.getText().contains("4,000"), "1002's pro rata rest: " + bids.getText());
        assertTrue(auction.getText().contains("890,000.00"), "proceeds: " + auction.getText());
        // the demand curve's steps: 6,000 t at 90.00, 11,000 t at 89.00, 14,000 t at 85.00
        assertEquals("[[0,90],[6000,90],[6000,89],[11000,89],[11000,85],[14000,85]]",
            String.valueOf(chart("curve-1", "JSON.stringify(o.series[0].data)")));
        browser.screenshot("auctions");

        // Surveillance: the alerts as the API answers them, counted by kind, the large holders and their
        // concentration from the report.
        browser.open("/console/surveillance?threshold=50000");
        final Answer alerts = api.get(REGULATOR, "/surveillance/alerts");
        assertEquals(200, alerts.status(), alerts.body());
        browser.until(driver -> driver.findElement(By.id("alerts")));
        final int alertCount = alerts.json().get("alerts").size();
        assertTrue(alertCount > 0, "the holdings crossing 2,500 bps raise CONCENTRATION alerts: " + alerts.body());
        assertEquals(alertCount, browser.driver().findElements(By.cssSelector("#alerts tbody tr")).size());
        int concentration = 0;
        for (final JsonNode alert : alerts.json().get("alerts"))
        {
            concentration += alert.get("kind").asText().equals("CONCENTRATION") ? 1 : 0;
        }
        final String counts = browser.driver().findElement(By.id("alert-counts")).getText();
        assertTrue(counts.contains("CONCENTRATION · " + concentration), counts);
        // CEA-2025 outstanding: 300,000 at genesis + 5,000 allocated - 140,000 surrendered = 165,000; the auction
        // account keeps 90,000 (10,000 sold), Huaneng 150,000 - 100 traded - 100,000 surrendered + 6,000 won = 55,900
        final WebElement holders = browser.untilText(By.id("holders"), "CEA-2024");
        final String held = holders.getText();
        assertTrue(held.contains("CEA-2025 8001 auction 90,000 165,000"), held);
        assertTrue(held.contains("CEA-2025 1001 compliance 55,900 165,000"), held);
        assertTrue(held.contains("CCER 2001 project owner 100,000 100,000"), held);
        assertFalse(held.contains("1002"), "14,000 t is under the threshold: " + held);
        assertEquals("[\"CCER\",\"CEA-2024\",\"CEA-2025\",\"SINK-FOREST\"]",
            String.valueOf(chart("chart-concentration", "JSON.stringify(o.yAxis[0].data)")));
        browser.screenshot("surveillance");

        // Reports: the market report's CSV link downloads what the API answers; the closed year's compliance report.
        browser.open("/console/reports");
        final WebElement csv = browser.until(driver -> driver.findElement(By.id("download-market-csv")));
        assertEquals("market-open.csv", csv.getAttribute("download"));
        final String link = csv.getAttribute("href").replaceFirst("^http://[^/]+", "");
        assertEquals("/reports/market?date=open&format=csv", link);
        final String downloaded = fetchInBrowser(link);
        // (line ends as the browser's script bridge hands them over: CSV's CRLF may arrive as LF)
        assertEquals("200\n" + api.get(REGULATOR, link).body().replace("\r\n", "\n"),
            downloaded.replace("\r\n", "\n"));
        assertTrue(downloaded.contains("date,instrument,open,high,low,close,volume,turnover,trades"), downloaded);
        assertTrue(downloaded.contains("CEA-2025,92.00,92.00,92.00"), downloaded);
        // the same report as Parquet: a Parquet file (it begins and ends with the magic PAR1)
        final String parquet = browser.driver().findElement(By.id("download-market-parquet")).getAttribute("href")
            .replaceFirst("^http://[^/]+", "");
        assertEquals("/reports/market?date=open&format=parquet", parquet);
        final String parquetBytes = fetchInBrowser(parquet);
        assertTrue(parquetBytes.startsWith("200\nPAR1") && parquetBytes.endsWith("PAR1"),
            parquetBytes.substring(0, Math.min(40, parquetBytes.length())));
        new Select(browser.driver().findElement(By.id("report-year"))).selectByValue("2025");
        final String compliance = browser.driver().findElement(By.id("download-compliance-csv")).getAttribute("href")
            .replaceFirst("^http://[^/]+", "");
        final String complianceCsv = fetchInBrowser(compliance);
        assertTrue(complianceCsv.startsWith("200\nyear,account,name"), complianceCsv);
        assertTrue(complianceCsv.contains("INCOMPLETE"), complianceCsv);
        browser.driver().findElement(By.id("preview-compliance")).click();
        browser.untilText(By.id("preview"), "TOTAL");
        browser.untilText(By.id("parquet-links"), "trades");
        // every table the store has, and only those, is offered as Parquet, and each link answers a Parquet file
        final List<String> offered = new ArrayList<>();
        for (final WebElement table : browser.driver().findElements(By.cssSelector("#parquet-links a")))
        {
            offered.add(table.getText());
            final String file = fetchInBrowser(table.getAttribute("href").replaceFirst("^http://[^/]+", ""));
            assertTrue(file.startsWith("200\nPAR1"),
                table.getText() + ": " + file.substring(0, Math.min(40, file.length())));
        }
        final List<String> tables = new ArrayList<>(StoreSchema.TABLES.keySet());
        tables.remove("progress");
        assertEquals(new TreeSet<>(tables), new TreeSet<>(offered));
        browser.screenshot("reports");
    }

    @Test
    void anEnterpriseSeesItsOwnComplianceAndIsRefusedSurveillanceAndTheForms() throws Exception
    {
        final TestExchange exchange = exchange();
        trade(exchange);
        ok(REGULATOR, "open-compliance-year", "{\"year\":2025,\"deadline\":\"" +
            Instant.now().plus(Duration.ofDays(3)) + "\"}");
        ok(REGULATOR, "record-emissions", "{\"year\":2025,\"account\":1001,\"emissions\":100000}");
        ok(REGULATOR, "record-emissions", "{\"year\":2025,\"account\":1002,\"emissions\":40000}");
        ok(HUANENG, "surrender-units", surrender(2025, 1001, 40_000));

        browser.open("/console/compliance");
        browser.signIn("huaneng", "huaneng-demo-token");
        final WebElement ledger = browser.untilText(By.id("ledger"), "IN PROGRESS");
        final List<WebElement> rows = browser.driver().findElements(By.cssSelector("#ledger tbody tr"));
        assertEquals(1, rows.size(), "its own account only: " + ledger.getText());
        assertTrue(rows.get(0).getText().startsWith("1001"), rows.get(0).getText());
        assertTrue(rows.get(0).getText().contains("60,000"), "still to surrender: " + rows.get(0).getText());
        assertFalse(ledger.getText().contains("1002"), ledger.getText());
        browser.untilText(By.id("countdown"), "left");
        assertTrue(browser.driver().findElement(By.id("countdown")).getText().startsWith("2d 23:"),
            browser.driver().findElement(By.id("countdown")).getText());
        // its surrender, from its own settlement statement of the open day: 40% of the obligation
        browser.until(driver -> "[[\"open day\",40]]".equals(chart("chart-progress",
            "JSON.stringify(o.series.length ? o.series[0].data : [])")));
        final String menu = browser.driver().findElement(By.id("nav")).getText();
        assertFalse(menu.contains("Surveillance"), menu);
        assertFalse(menu.contains("Regulator actions"), menu);
        assertTrue(menu.contains("Reports"), menu);
        browser.screenshot("compliance-enterprise");

        browser.open("/console/surveillance");
        final WebElement holders = browser.untilText(By.id("holders-box"), "Not permitted");
        assertTrue(holders.getText().contains("only a regulator may read the large-holders report; user 'huaneng' " +
            "is ENTERPRISE"), holders.getText());
        browser.screenshot("surveillance-enterprise");

        browser.open("/console/actions");
        browser.untilText(By.id("not-regulator"), "Not permitted");
        assertTrue(browser.driver().findElements(By.cssSelector("form")).isEmpty(), "no forms for an enterprise");
        // the API refuses the command itself, even with the session's CSRF token
        final String answer = (String)((JavascriptExecutor)browser.driver()).executeAsyncScript(
            "const done = arguments[arguments.length - 1];" +
            "fetch('/console/session').then(r => r.json()).then(s => fetch('/commands/open-compliance-year', " +
            "{method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken}, " +
            "body: JSON.stringify({year: 2030, deadline: '2031-06-30'})}))" +
            ".then(r => r.text().then(t => done(r.status + ' ' + t))).catch(e => done('failed ' + e));");
        assertTrue(answer.startsWith("403 "), answer);
        assertTrue(answer.contains("user 'huaneng' is ENTERPRISE"), answer);
        assertEquals(404, api.get(REGULATOR, "/compliance/2030").status(), "nothing opened");
        browser.screenshot("actions-enterprise");

        browser.open("/console/reports");
        final WebElement reports = browser.untilText(By.id("reports"), "Settlement statements");
        assertFalse(reports.getText().contains("Registry log"), reports.getText());
        final String statement = browser.driver().findElement(By.id("download-settlement-csv")).getAttribute("href")
            .replaceFirst("^http://[^/]+", "");
        assertEquals("/reports/settlement?date=open&account=1001&format=csv", statement);
        final String csv = fetchInBrowser(statement);
        assertTrue(csv.startsWith("200\ndate,account,line"), csv);
        assertTrue(csv.contains("SURRENDER"), csv);
        for (final String line : csv.substring(4).split("\n"))
        {
            assertTrue(line.startsWith("date,") || line.startsWith("open,1001,"), "only its account: " + line);
        }
        assertTrue(fetchInBrowser("/reports/registry-log?date=open&format=csv").startsWith("403\n"));
        browser.driver().findElement(By.id("preview-settlement")).click();
        browser.untilText(By.id("preview"), "SURRENDER");
        assertEquals(0L, browser.script("return [...document.querySelectorAll('#preview tbody tr')]" +
            ".filter(row => row.cells[1].textContent !== '1001').length"), "its own account's rows only");
        browser.screenshot("reports-enterprise");
    }
}
