package io.carbonx.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import quickfix.Message;

import java.nio.file.Path;
import java.util.List;

import static io.carbonx.server.TestExchange.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real headless Chromium against a real server: sign-in, the Market page with its live book and
 * trades (moved by real FIX orders while the page is open), the Registry page, and what a role may not see. Each page
 * is saved under {@code target/screenshots/}.
 * <p>
 * The demo's data: Huaneng (1001) holds CEA-2025 serials 1..150000 from genesis; broker 1 sells 100 of them for it
 * at 92.00 to Citic (3001), the oldest first, so Citic then holds serials 1..100 and serial 1's history is ISSUE to
 * 1001 then TRADE from 1001 to 3001.
 */
class ConsoleBrowserTest
{
    private static final String SYMBOL = "CEA-2025";

    @RegisterExtension
    final RunningExchange running = new RunningExchange();
    @RegisterExtension
    final ConsoleBrowser browser = new ConsoleBrowser();

    @TempDir
    Path folder;

    private int clOrdIds;

    private TestExchange exchange() throws Exception
    {
        final TestExchange exchange = running.start(folder, TestExchange.demo(folder, true));
        browser.at(exchange.server().httpPort());
        return exchange;
    }

    /**
     * A first trade of 100 at 92.00 (Huaneng to Citic) and a resting bid of Citic's for 50 at 91.50.
     */
    private void trade(final FixClient broker, final FixClient citic) throws Exception
    {
        citic.send(order("3001", '1', 100, "92.00"));
        assertNotNull(citic.next("8", WAIT));
        broker.send(order("1001", '2', 100, "92.00"));
        assertNotNull(broker.next("8", WAIT));
        citic.send(order("3001", '1', 50, "91.50"));
    }

    private Message order(final String account, final char side, final long quantity, final String price)
    {
        return TestExchange.limitOrder("WEB-" + ++clOrdIds, account, SYMBOL, side, quantity, price, '1');
    }

    @Test
    void aRegulatorSignsInAndWatchesTheBookMoveWithFixOrders() throws Exception
    {
        final TestExchange exchange = exchange();
        final List<FixClient> members = exchange.connectAll("BROKER1", "CITIC");
        final FixClient broker = members.get(0);
        final FixClient citic = members.get(1);
        trade(broker, citic);

        browser.open("/console/market?instrument=" + SYMBOL);
        browser.until(ExpectedConditions.urlContains("/console/login?next="));
        browser.screenshot("login");
        browser.signIn("mee", "regulator-demo-token");
        assertEquals("/console/market?instrument=" + SYMBOL, browser.path(), "back where the sign-in started");

        browser.untilText(By.id("phase"), "CONTINUOUS");
        browser.untilText(By.id("book-bids"), "91.50");
        browser.untilText(By.id("trades"), "92.00");
        browser.untilText(By.id("last"), "92.00");
        browser.untilText(By.id("reference"), "92.00");
        browser.untilText(By.id("band"), "82.80 – 101.20");
        browser.untilText(By.id("volume"), "100");
        browser.untilText(By.id("role"), "REGULATOR");
        browser.untilText(By.id("overview"), "SINK-FOREST");
        browser.until(driver -> browser.script(
            "return echarts.getInstanceByDom(document.getElementById('chart-daily'))" +
                ".getOption().series[0].data.length").equals(1L));
        browser.screenshot("market");

        // the page stays loaded: a marker set now is still there after the updates
        browser.script("window.notReloaded = true;");
        broker.send(order("1001", '2', 300, "93.10"));
        browser.untilText(By.id("book-asks"), "93.10");
        citic.send(order("3001", '1', 40, "93.10"));
        browser.until(driver -> browser.driver().findElements(By.cssSelector("#trades tbody tr")).size() == 2);
        browser.untilText(By.id("book-asks"), "260");
        browser.untilText(By.id("last"), "93.10");
        browser.untilText(By.id("volume"), "140");
        assertEquals(Boolean.TRUE, browser.script("return window.notReloaded === true;"), "updated without reload");
        browser.untilText(By.id("overview"), "+1.20%");
        browser.until(driver -> browser.script(
            "return echarts.getInstanceByDom(document.getElementById('chart-intraday'))" +
                ".getOption().series[1].data.reduce((a, b) => a + b, 0)").equals(140L));
        browser.screenshot("market-live");

        browser.open("/console/registry?account=1001");
        browser.untilText(By.id("accounts"), "Citic Carbon Trading (demo)");
        assertTrue(browser.driver().findElements(By.cssSelector("#accounts tbody tr")).size() >= 6,
            "a regulator sees every account");
        final WebElement holdings = browser.untilText(By.id("holdings"), SYMBOL);
        assertTrue(holdings.getText().contains("CEA-2024"), holdings.getText());
        browser.untilText(By.id("account-facts"), "1001");

        browser.driver().findElement(By.id("serial-number")).sendKeys("1");
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("serial-instrument")))
            .selectByValue(SYMBOL);
        browser.driver().findElement(By.cssSelector("#serial-form button")).click();
        final WebElement movements = browser.untilText(By.id("serial-movements"), "TRADE");
        assertTrue(movements.getText().contains("ISSUE"), movements.getText());
        browser.untilText(By.id("serial-current"), "held by account 3001");
        browser.screenshot("registry");

        browser.driver().findElement(By.id("sign-out")).click();
        browser.until(ExpectedConditions.urlContains("/console/login"));
        browser.open("/console/registry");
        browser.until(ExpectedConditions.urlContains("/console/login?next="));
    }

    @Test
    void anEnterpriseSeesOnlyWhatTheApiLetsItSee() throws Exception
    {
        final TestExchange exchange = exchange();
        final List<FixClient> members = exchange.connectAll("BROKER1", "CITIC");
        trade(members.get(0), members.get(1));

        browser.open("/console/registry");
        browser.signIn("citic", "citic-demo-token");
        browser.untilText(By.id("accounts"), "3001");
        assertEquals(1, browser.driver().findElements(By.cssSelector("#accounts tbody tr")).size(),
            "an enterprise sees its own account only");
        browser.untilText(By.id("holdings"), "1–100");
        browser.untilText(By.id("role"), "ENTERPRISE");
        browser.screenshot("registry-enterprise");

        browser.open("/console/registry?account=1001");
        final WebElement refusal = browser.untilText(By.id("account-box"), "Not permitted");
        assertTrue(refusal.getText().contains("may act only for its own accounts [3001], not account 1001"),
            refusal.getText());
        browser.open("/console/registry?account=3001&instrument=" + SYMBOL + "&serial=120000");
        final WebElement serial = browser.untilText(By.id("serial-box"), "Not permitted");
        assertFalse(serial.getText().contains("ISSUE"), "no movement of a tonne it never held");
        browser.screenshot("registry-enterprise-refused");

        browser.open("/console/market?instrument=" + SYMBOL);
        browser.untilText(By.id("trades"), "92.00");
        browser.untilText(By.id("book-bids"), "91.50");
        browser.screenshot("market-enterprise");
    }

    @Test
    void aWrongTokenIsRefusedOnTheLoginPage() throws Exception
    {
        exchange();
        browser.open("/console/login");
        browser.fillLogin("mee", "not-the-token");
        browser.untilText(By.id("login-error"), "Wrong user name or token.");
        assertTrue(browser.path().startsWith("/console/login"), browser.path());
        browser.screenshot("login-refused");
        browser.open("/console/market");
        browser.until(ExpectedConditions.urlContains("/console/login?next="));
    }
}
