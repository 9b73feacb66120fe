package io.carbonx.reports.surveillance;

import io.carbonx.protocol.sbe.Side;
import io.carbonx.registry.HoldingLimits;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each surveillance rule on a real state machine fed real commands: it fires when the rule is met, and not just below
 * its threshold or outside its window; and the same commands give the same alerts.
 * <p>
 * The settings: wash-trade window 60 s; large orders from 1000 t, quick cancels within 2000 ms, 3 of them within 60 s;
 * large holders from 5000 t, concentration from 3000 bps; near the band within 50 bps. The instrument's band is 81.00
 * to 99.00 around 90.00 (see {@link SurveillanceDriver}).
 */
class SurveillanceMonitorTest
{
    private static final long A = 3001;
    private static final long B = 3002;
    private static final long C = 3003;
    private static final long D = 3004;
    private static final SurveillanceSettings SETTINGS =
        new SurveillanceSettings(60, new TreeMap<>(), 1_000, 2_000, 3, 60, 5_000, 3_000, 50, 9_000);

    // ---------------------------------------------------------------------------------------- wash trades

    @Test
    void aSelfTradePreventedIsAWashTradeAttempt()
    {
        final SurveillanceDriver driver = new SurveillanceDriver(SETTINGS);
        driver.trader(A, 100);
        driver.limit(1, A, Side.SELL, 10, 90_00);
        driver.limit(2, A, Side.BUY, 10, 90_00);

        final List<Alert> alerts = driver.alerts(AlertKind.WASH_TRADE_ATTEMPT);
        assertEquals(1, alerts.size(), driver.alerts.toString());
        final Alert alert = alerts.get(0);
        assertEquals(driver.lastSequence(), alert.sequence());
        assertEquals(driver.time(), alert.time());
        assertEquals("CEA-2025", alert.instrument());
        assertEquals(List.of(A), alert.accounts());
        assertEquals(0, alert.brokerId());
        assertEquals(2, alert.figure("incomingOrderId"));
        assertEquals(1, alert.figure("restingOrderId"));
        assertTrue(alert.detail().contains("self-trade prevention"), alert.detail());
    }

    @Test
    void twoAccountsOfOneBrokerTradingBothWaysWithinTheWindowAreAWashTrade()
    {
        final SurveillanceDriver driver = brokerPair();
        driver.trade(1, A, B, 100, 90_00);
        driver.later(59_000);
        driver.trade(3, B, A, 100, 90_00);

        final List<Alert> alerts = driver.alerts(AlertKind.WASH_TRADE_ATTEMPT);
        assertEquals(1, alerts.size(), driver.alerts.toString());
        final Alert alert = alerts.get(0);
        assertEquals(List.of(B, A), alert.accounts(), "the seller, then the buyer of the trade that closed the loop");
        assertEquals(7, alert.brokerId());
        assertEquals(100, alert.figure("quantity"));
        assertEquals(90_00, alert.figure("price"));
        assertEquals(59_000, alert.figure("elapsedMillis"));
        assertEquals(60, alert.figure("windowSeconds"));
        assertTrue(alert.figure("reversedTradeId") < alert.figure("tradeId"));
        assertTrue(alert.detail().contains("broker 7"), alert.detail());
    }

    @Test
    void noWashTradeOutsideTheWindowOneWayOrBetweenUnlinkedAccounts()
    {
        final SurveillanceDriver late = brokerPair();
        late.trade(1, A, B, 100, 90_00);
        late.later(60_001);
        late.trade(3, B, A, 100, 90_00);
        assertEquals(List.of(), late.alerts(AlertKind.WASH_TRADE_ATTEMPT), "a millisecond past the window");

        final SurveillanceDriver oneWay = brokerPair();
        oneWay.trade(1, A, B, 100, 90_00);
        oneWay.later(1_000);
        oneWay.trade(3, A, B, 100, 90_00);
        assertEquals(List.of(), oneWay.alerts(AlertKind.WASH_TRADE_ATTEMPT), "units went one way only");

        final SurveillanceDriver unlinked = new SurveillanceDriver(SETTINGS);
        unlinked.trader(C, 1_000);
        unlinked.trader(D, 1_000);
        unlinked.link(7, C);
        unlinked.link(8, D);
        unlinked.trade(1, C, D, 100, 90_00);
        unlinked.trade(3, D, C, 100, 90_00);
        assertEquals(List.of(), unlinked.alerts(AlertKind.WASH_TRADE_ATTEMPT), "different brokers, no owner");
    }

    @Test
    void twoAccountsOfOneOwnerTradingBothWaysAreAWashTrade()
    {
        final SurveillanceDriver driver =
            new SurveillanceDriver(SETTINGS.withOwners(Map.of(C, "Huaneng Group", D, "Huaneng Group")));
        driver.trader(C, 1_000);
        driver.trader(D, 1_000);
        driver.trade(1, C, D, 100, 90_00);
        driver.trade(3, D, C, 100, 90_00);

        final List<Alert> alerts = driver.alerts(AlertKind.WASH_TRADE_ATTEMPT);
        assertEquals(1, alerts.size(), driver.alerts.toString());
        assertEquals(List.of(D, C), alerts.get(0).accounts());
        assertEquals(0, alerts.get(0).brokerId());
        assertTrue(alerts.get(0).detail().contains("owner 'Huaneng Group'"), alerts.get(0).detail());
    }

    private static SurveillanceDriver brokerPair()
    {
        final SurveillanceDriver driver = new SurveillanceDriver(SETTINGS);
        driver.trader(A, 1_000);
        driver.trader(B, 1_000);
        driver.link(7, A);
        driver.link(7, B);
        return driver;
    }

    // ---------------------------------------------------------------------------------------- layering

    @Test
    void threeLargeOrdersCancelledQuicklyWithinTheWindowAreLayering()
    {
        final SurveillanceDriver driver = new SurveillanceDriver(SETTINGS);
        driver.trader(A, 0);
        quickCancels(driver, 1, 3, 1_000, 2_000, 20_000);

        final List<Alert> alerts = driver.alerts(AlertKind.LAYERING);
        assertEquals(1, alerts.size(), driver.alerts.toString());
        final Alert alert = alerts.get(0);
        assertEquals(driver.lastSequence(), alert.sequence(), "raised by the third cancel");
        assertEquals(List.of(A), alert.accounts());
        assertEquals(3, alert.figure("cancels"));
        assertEquals(3_000, alert.figure("cancelledQuantity"));
        assertEquals(1, alert.figure("firstOrderId"));
        assertEquals(3, alert.figure("lastOrderId"));
        assertEquals(2_000, alert.figure("lastRestedMillis"));

        quickCancels(driver, 4, 2, 1_000, 2_000, 1_000);
        assertEquals(1, driver.alerts(AlertKind.LAYERING).size(), "the count starts over after an alert");
        quickCancels(driver, 6, 1, 1_000, 2_000, 1_000);
        assertEquals(2, driver.alerts(AlertKind.LAYERING).size());
    }

    @Test
    void noLayeringBelowTheQuantityAfterTheCancelTimeOrOutsideTheWindow()
    {
        final SurveillanceDriver small = new SurveillanceDriver(SETTINGS);
        small.trader(A, 0);
        quickCancels(small, 1, 5, 999, 1_000, 1_000);
        assertEquals(List.of(), small.alerts(AlertKind.LAYERING), "999 t is not a large order");

        final SurveillanceDriver slow = new SurveillanceDriver(SETTINGS);
        slow.trader(A, 0);
        quickCancels(slow, 1, 5, 1_000, 2_001, 1_000);
        assertEquals(List.of(), slow.alerts(AlertKind.LAYERING), "cancelled 2001 ms after placing");

        final SurveillanceDriver spread = new SurveillanceDriver(SETTINGS);
        spread.trader(A, 0);
        // cancels at 1 s, 31 s + 1 ms, 61 s + 2 ms: never three within 60 s
        quickCancels(spread, 1, 3, 1_000, 1_000, 29_001);
        assertEquals(List.of(), spread.alerts(AlertKind.LAYERING), "three cancels over more than 60 s");
    }

    @Test
    void anAmendmentToALargeQuantityMakesAnOrderCountForLayering()
    {
        final SurveillanceDriver driver = new SurveillanceDriver(SETTINGS);
        driver.trader(A, 0);
        quickCancels(driver, 1, 2, 1_000, 1_000, 1_000);
        driver.limit(3, A, Side.BUY, 10, 85_00);
        driver.later(1_000);
        driver.amend(3, A, 85_00, 1_000);
        driver.later(1_500);
        driver.cancel(3, A);
        assertEquals(1, driver.alerts(AlertKind.LAYERING).size(), "the amendment counts as its placement");
        assertEquals(1_500, driver.alerts(AlertKind.LAYERING).get(0).figure("lastRestedMillis"));
    }

    /**
     * {@code count} buy orders of {@code quantity} at 85.00 (inside the band, nothing to trade with), each cancelled
     * {@code restMillis} after it was placed, the next placed {@code gapMillis} after that cancel.
     */
    private static void quickCancels(final SurveillanceDriver driver, final long firstOrderId, final int count,
        final long quantity, final long restMillis, final long gapMillis)
    {
        for (int i = 0; i < count; i++)
        {
            driver.limit(firstOrderId + i, A, Side.BUY, quantity, 85_00);
            driver.later(restMillis);
            driver.cancel(firstOrderId + i, A);
            if (i < count - 1)
            {
                driver.later(gapMillis);
            }
        }
    }

    // ---------------------------------------------------------------------------------------- concentration

    @Test
    void aHoldingBoughtPastTheLargeHolderThresholdIsConcentration()
    {
        final SurveillanceDriver driver = concentrationMarket();
        driver.trade(1, A, C, 5_000, 90_00);

        final List<Alert> alerts = driver.alerts(AlertKind.CONCENTRATION);
        assertEquals(1, alerts.size(), driver.alerts.toString());
        final Alert alert = alerts.get(0);
        assertEquals(List.of(C), alert.accounts());
        assertEquals(5_000, alert.figure("units"));
        assertEquals(20_000, alert.figure("outstanding"));
        assertEquals(2_500, alert.figure("shareBps"), "5000 of 20000 t");
        assertTrue(alert.detail().contains("large-holder threshold of 5000 t"), alert.detail());
        assertFalse(alert.detail().contains("bps of the units"), alert.detail());
    }

    @Test
    void noConcentrationJustBelowTheThresholdsNorForIssuance()
    {
        final SurveillanceDriver driver = concentrationMarket();
        driver.trade(1, A, C, 4_999, 90_00);
        driver.issue(D, 50_000);
        assertEquals(List.of(), driver.alerts(AlertKind.CONCENTRATION),
            "4999 t (2499 bps) is below both thresholds; issuance is the regulator's act");
    }

    @Test
    void aShareCrossedWhenFewerUnitsExistAlertsOnTheNextMovementOfThatHolding()
    {
        final SurveillanceDriver driver = concentrationMarket();
        driver.trade(1, A, C, 4_999, 90_00);
        driver.retire(B, 5_000);
        assertEquals(List.of(), driver.alerts(AlertKind.CONCENTRATION), "C did not move: 4999 of 15000 t unchecked");
        driver.trade(3, A, C, 1, 90_00);

        final List<Alert> alerts = driver.alerts(AlertKind.CONCENTRATION);
        assertEquals(1, alerts.size(), driver.alerts.toString());
        assertEquals(5_000, alerts.get(0).figure("units"));
        assertEquals(15_000, alerts.get(0).figure("outstanding"));
        assertEquals(3_333, alerts.get(0).figure("shareBps"), "5000 of 15000 t, rounded down");
        assertTrue(alerts.get(0).detail().contains("5000 t and 3000 bps of the units"), alerts.get(0).detail());
    }

    @Test
    void aHoldingCrossingNinetyPercentOfItsHoldingLimitIsConcentrationOnce()
    {
        // trading accounts may hold 4000 t (issuance is not limited), under the 5000 t large-holder threshold and
        // 3000 bps of the 30000 t in existence
        final SurveillanceDriver driver =
            new SurveillanceDriver(SETTINGS, null, HoldingLimits.uniform(4_000));
        driver.trader(A, 10_000);
        driver.trader(B, 20_000);
        driver.trader(C, 0);
        driver.trade(1, A, C, 3_599, 90_00);
        assertEquals(List.of(), driver.alerts(AlertKind.CONCENTRATION), "3599 t is under 9000 bps of 4000 t");
        driver.trade(3, A, C, 1, 90_00);

        final List<Alert> alerts = driver.alerts(AlertKind.CONCENTRATION);
        assertEquals(1, alerts.size(), driver.alerts.toString());
        assertEquals(List.of(C), alerts.get(0).accounts());
        assertEquals(3_600, alerts.get(0).figure("units"));
        assertEquals(4_000, alerts.get(0).figure("holdingLimit"));
        assertTrue(alerts.get(0).detail().contains("9000 bps of its holding limit of 4000 t"), alerts.get(0).detail());
        driver.trade(5, A, C, 100, 90_00);
        assertEquals(1, driver.alerts(AlertKind.CONCENTRATION).size(), "still near the limit: no second alert");
    }

    /**
     * A and B hold 10000 t each, C none: 20000 t exist.
     */
    private static SurveillanceDriver concentrationMarket()
    {
        final SurveillanceDriver driver = new SurveillanceDriver(SETTINGS);
        driver.trader(A, 10_000);
        driver.trader(B, 10_000);
        driver.trader(C, 0);
        driver.trader(D, 0);
        return driver;
    }

    // ---------------------------------------------------------------------------------------- price band

    @Test
    void aTradeWithinFiftyBpsOfTheUpperEdgeIsNearTheBandOncePerDay()
    {
        final SurveillanceDriver driver = new SurveillanceDriver(SETTINGS);
        driver.trader(A, 1_000);
        driver.trader(B, 1_000);
        // 99.00 - 50 bps of 90.00 (0.45) = 98.55
        driver.trade(1, A, B, 10, 98_55);
        driver.trade(3, A, B, 10, 99_00);

        final List<Alert> alerts = driver.alerts(AlertKind.PRICE_NEAR_BAND);
        assertEquals(1, alerts.size(), "once per edge and day: " + driver.alerts);
        final Alert alert = alerts.get(0);
        assertEquals(List.of(B, A), alert.accounts(), "buyer, seller");
        assertEquals(98_55, alert.figure("price"));
        assertEquals(90_00, alert.figure("referencePrice"));
        assertEquals(81_00, alert.figure("lowestPrice"));
        assertEquals(99_00, alert.figure("highestPrice"));
        assertEquals(50, alert.figure("distanceBps"));
        assertTrue(alert.detail().contains("upper band edge"), alert.detail());
    }

    @Test
    void theLowerEdgeAlertsAndATradeJustInsideTheMarginDoesNot()
    {
        final SurveillanceDriver driver = new SurveillanceDriver(SETTINGS);
        driver.trader(A, 1_000);
        driver.trader(B, 1_000);
        driver.trade(1, A, B, 10, 98_54);
        driver.trade(3, A, B, 10, 81_46);
        assertEquals(List.of(), driver.alerts(AlertKind.PRICE_NEAR_BAND), "0.46 from each edge is 51 bps of 90.00");
        driver.trade(5, A, B, 10, 81_45);
        final List<Alert> alerts = driver.alerts(AlertKind.PRICE_NEAR_BAND);
        assertEquals(1, alerts.size());
        assertTrue(alerts.get(0).detail().contains("lower band edge"), alerts.get(0).detail());
    }

    @Test
    void theDaysCloseMovesTheBandAsTheEngineDoes()
    {
        final SurveillanceDriver driver = new SurveillanceDriver(SETTINGS);
        driver.trader(A, 1_000);
        driver.trader(B, 1_000);
        driver.trade(1, A, B, 10, 98_55);
        driver.at("2025-01-02T08:00:00Z");
        driver.endOfDay(20250102);
        driver.at("2025-01-03T01:00:00Z");
        // the close, 98.55, is the new reference: width 1000 bps = 9.855, floored to 9.85: band 88.70 to 108.40
        driver.trade(3, A, B, 10, 108_40);

        final List<Alert> alerts = driver.alerts(AlertKind.PRICE_NEAR_BAND);
        assertEquals(2, alerts.size(), "the upper edge may alert again the next day: " + driver.alerts);
        final Alert alert = alerts.get(1);
        assertEquals(98_55, alert.figure("referencePrice"));
        assertEquals(88_70, alert.figure("lowestPrice"));
        assertEquals(108_40, alert.figure("highestPrice"));
        assertEquals(0, alert.figure("distanceBps"));
    }

    // ---------------------------------------------------------------------------------------- determinism

    @Test
    void theSameCommandsGiveTheSameAlertsInTheSameOrder()
    {
        final Consumer<SurveillanceDriver> scenario = driver ->
        {
            driver.trader(A, 10_000);
            driver.trader(B, 10_000);
            driver.trader(C, 0);
            driver.link(7, A);
            driver.link(7, B);
            driver.trade(1, A, B, 100, 98_60);
            driver.later(1_000);
            driver.trade(3, B, A, 100, 81_40);
            driver.limit(5, A, Side.SELL, 10, 90_00);
            driver.limit(6, A, Side.BUY, 10, 90_00);
            for (int i = 0; i < 3; i++)
            {
                driver.limit(10 + i, C, Side.BUY, 2_000, 85_00);
                driver.later(500);
                driver.cancel(10 + i, C);
            }
            driver.trade(20, A, C, 6_000, 90_00);
        };
        final SurveillanceDriver first = new SurveillanceDriver(SETTINGS);
        scenario.accept(first);
        final SurveillanceDriver second = new SurveillanceDriver(SETTINGS);
        scenario.accept(second);

        assertEquals(List.of(AlertKind.PRICE_NEAR_BAND, AlertKind.WASH_TRADE_ATTEMPT, AlertKind.PRICE_NEAR_BAND,
            AlertKind.WASH_TRADE_ATTEMPT, AlertKind.LAYERING, AlertKind.CONCENTRATION),
            first.alerts.stream().map(Alert::kind).toList(), first.alerts.toString());
        assertEquals(first.alerts, second.alerts);
    }
}
