package io.carbonx.reports;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.carbonx.reports.ReportScenario.AUCTION;
import static io.carbonx.reports.ReportScenario.AUCTION_ISSUED;
import static io.carbonx.reports.ReportScenario.AUCTION_VOLUME;
import static io.carbonx.reports.ReportScenario.BIDDER_CASH;
import static io.carbonx.reports.ReportScenario.BUYER;
import static io.carbonx.reports.ReportScenario.BUYER_BID;
import static io.carbonx.reports.ReportScenario.BUYER_CASH;
import static io.carbonx.reports.ReportScenario.DAY_1;
import static io.carbonx.reports.ReportScenario.DAY_2;
import static io.carbonx.reports.ReportScenario.E;
import static io.carbonx.reports.ReportScenario.E_ALLOCATED;
import static io.carbonx.reports.ReportScenario.E_BID;
import static io.carbonx.reports.ReportScenario.E_SURRENDERED;
import static io.carbonx.reports.ReportScenario.FEE_ACCOUNT;
import static io.carbonx.reports.ReportScenario.FIRST_PRICE;
import static io.carbonx.reports.ReportScenario.FIRST_QUANTITY;
import static io.carbonx.reports.ReportScenario.F_BID_PRICE;
import static io.carbonx.reports.ReportScenario.INSTRUMENTS;
import static io.carbonx.reports.ReportScenario.RETIRED;
import static io.carbonx.reports.ReportScenario.SECOND_PRICE;
import static io.carbonx.reports.ReportScenario.SECOND_QUANTITY;
import static io.carbonx.reports.ReportScenario.SELLER;
import static io.carbonx.reports.ReportScenario.SELLER_ISSUED;
import static io.carbonx.reports.ReportScenario.TRANSFERRED;
import static io.carbonx.reports.ReportScenario.WITHDRAWN;
import static io.carbonx.reports.ReportScenario.YEAR;
import static io.carbonx.reports.ReportScenario.fee;
import static io.carbonx.reports.ReportScenario.money;
import static io.carbonx.reports.ReportScenario.row;
import static io.carbonx.reports.ReportScenario.rowsOf;
import static io.carbonx.reports.ReportScenario.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settlement statements of the scenario's accounts: opening balances, each movement with the cash and units it moved
 * (trades with their fees, fee income, deposits, withdrawals, issuance, transfers, retirements, auction purchases and
 * sales, allocations, surrenders), and closing balances that check against opening + movements.
 */
class SettlementStatementTest
{
    private static final int ACCOUNT = 1;
    private static final int REFERENCE = 3;
    private static final String CEA = "CEA-2025";

    private final SettlementStatement statement = new SettlementStatement(INSTRUMENTS, FEE_ACCOUNT);

    @Test
    void aBuyerPaysValuePlusFeeForEachTradeAndTheClosingBalancesCheck()
    {
        final ReportScenario scenario = ReportScenario.run(statement);

        final long firstValue = FIRST_QUANTITY * FIRST_PRICE;
        final long secondValue = SECOND_QUANTITY * SECOND_PRICE;
        final long closingCash = BUYER_CASH - firstValue - fee(firstValue) - secondValue - fee(secondValue);
        final List<List<String>> rows = tradesNamed(rowsOf(text(statement.table(DAY_1)), BUYER, ACCOUNT));
        assertEquals(List.of(
            row("2025-01-02", BUYER, "OPENING", "", "", "", "", money(0), "", ""),
            row("2025-01-02", BUYER, "OPENING", "", CEA, "", 0, "", "", ""),
            row("2025-01-02", BUYER, "DEPOSIT", "command " + scenario.buyerDepositSequence, "", "", "",
                money(BUYER_CASH), "", ""),
            row("2025-01-02", BUYER, "TRADE_BUY", "trade", CEA, money(FIRST_PRICE), FIRST_QUANTITY,
                money(-(firstValue + fee(firstValue))), money(fee(firstValue)), ""),
            row("2025-01-02", BUYER, "TRADE_BUY", "trade", CEA, money(SECOND_PRICE), SECOND_QUANTITY,
                money(-(secondValue + fee(secondValue))), money(fee(secondValue)), ""),
            row("2025-01-02", BUYER, "CLOSING", "", "", "", "", money(closingCash), "", "ok"),
            row("2025-01-02", BUYER, "CLOSING", "", CEA, "", FIRST_QUANTITY + SECOND_QUANTITY, "", "", "ok")),
            rows);
    }

    @Test
    void theSellerReceivesValueLessFeeAndTheFeeAccountBothFees()
    {
        ReportScenario.run(statement);

        final long firstValue = FIRST_QUANTITY * FIRST_PRICE;
        final long secondValue = SECOND_QUANTITY * SECOND_PRICE;
        final List<List<String>> day = text(statement.table(DAY_1));
        final List<List<String>> seller = tradesNamed(rowsOf(day, SELLER, ACCOUNT));
        assertEquals(row("2025-01-02", SELLER, "TRADE_SELL", "trade", CEA, money(FIRST_PRICE), -FIRST_QUANTITY,
            money(firstValue - fee(firstValue)), money(fee(firstValue)), ""), seller.get(3));
        assertEquals(row("2025-01-02", SELLER, "TRADE_SELL", "trade", CEA, money(SECOND_PRICE), -SECOND_QUANTITY,
            money(secondValue - fee(secondValue)), money(fee(secondValue)), ""), seller.get(4));
        assertEquals(row("2025-01-02", SELLER, "CLOSING", "", CEA, "", SELLER_ISSUED - FIRST_QUANTITY - SECOND_QUANTITY,
            "", "", "ok"), seller.get(seller.size() - 1));

        final List<List<String>> trades = rowsOf(day, BUYER, ACCOUNT).subList(3, 5);
        assertNotEquals(trades.get(0).get(REFERENCE), trades.get(1).get(REFERENCE), "each trade has its reference");
        assertEquals(List.of(
            row("2025-01-02", FEE_ACCOUNT, "OPENING", "", "", "", "", money(0), "", ""),
            row("2025-01-02", FEE_ACCOUNT, "FEE_INCOME", "trade", "", "", "", money(2 * fee(firstValue)), "", ""),
            row("2025-01-02", FEE_ACCOUNT, "FEE_INCOME", "trade", "", "", "", money(2 * fee(secondValue)), "", ""),
            row("2025-01-02", FEE_ACCOUNT, "CLOSING", "", "", "", "",
                money(2 * fee(firstValue) + 2 * fee(secondValue)), "", "ok")),
            tradesNamed(rowsOf(day, FEE_ACCOUNT, ACCOUNT)));
    }

    @Test
    void registryMovementsAuctionsAndComplianceMoveTheBalancesTheNextDayStartsFrom()
    {
        final ReportScenario scenario = ReportScenario.run(statement);

        final List<List<String>> day = text(statement.table(DAY_2));
        final long sellerCash = FIRST_QUANTITY * FIRST_PRICE - fee(FIRST_QUANTITY * FIRST_PRICE) +
            SECOND_QUANTITY * SECOND_PRICE - fee(SECOND_QUANTITY * SECOND_PRICE);
        final long sellerUnits = SELLER_ISSUED - FIRST_QUANTITY - SECOND_QUANTITY;
        assertEquals(List.of(
            row("2025-01-03", SELLER, "OPENING", "", "", "", "", money(sellerCash), "", ""),
            row("2025-01-03", SELLER, "OPENING", "", CEA, "", sellerUnits, "", "", ""),
            row("2025-01-03", SELLER, "TRANSFER_OUT", "command " + scenario.transferSequence, CEA, "", -TRANSFERRED,
                "", "", ""),
            row("2025-01-03", SELLER, "WITHDRAW", "command " + scenario.withdrawSequence, "", "", "",
                money(-WITHDRAWN), "", ""),
            row("2025-01-03", SELLER, "CLOSING", "", "", "", "", money(sellerCash - WITHDRAWN), "", "ok"),
            row("2025-01-03", SELLER, "CLOSING", "", CEA, "", sellerUnits - TRANSFERRED, "", "", "ok")),
            rowsOf(day, SELLER, ACCOUNT));

        final List<List<String>> buyer = rowsOf(day, BUYER, ACCOUNT);
        assertEquals(row("2025-01-03", BUYER, "TRANSFER_IN", "command " + scenario.transferSequence, CEA, "",
            TRANSFERRED, "", "", ""), buyer.get(2));
        assertEquals(row("2025-01-03", BUYER, "RETIRE", "command " + scenario.retireSequence, CEA, "", -RETIRED, "", "",
            ""), buyer.get(3));
        assertEquals(row("2025-01-03", BUYER, "AUCTION_BUY", "auction 1", CEA, money(F_BID_PRICE), BUYER_BID,
            money(-BUYER_BID * F_BID_PRICE), "", ""), buyer.get(4), "every winner pays the clearing price");
        assertEquals(row("2025-01-03", BUYER, "CLOSING", "", CEA, "",
            FIRST_QUANTITY + SECOND_QUANTITY + TRANSFERRED - RETIRED + BUYER_BID, "", "", "ok"), buyer.get(6));

        assertEquals(List.of(
            row("2025-01-03", AUCTION, "OPENING", "", "", "", "", money(0), "", ""),
            row("2025-01-03", AUCTION, "OPENING", "", CEA, "", AUCTION_ISSUED, "", "", ""),
            row("2025-01-03", AUCTION, "AUCTION_SALE", "auction 1", CEA, money(F_BID_PRICE), -AUCTION_VOLUME,
                money(AUCTION_VOLUME * F_BID_PRICE), "", ""),
            row("2025-01-03", AUCTION, "CLOSING", "", "", "", "", money(AUCTION_VOLUME * F_BID_PRICE), "", "ok"),
            row("2025-01-03", AUCTION, "CLOSING", "", CEA, "", AUCTION_ISSUED - AUCTION_VOLUME, "", "", "ok")),
            rowsOf(day, AUCTION, ACCOUNT));

        assertEquals(List.of(
            row("2025-01-03", E, "OPENING", "", "", "", "", money(BIDDER_CASH), "", ""),
            row("2025-01-03", E, "OPENING", "", CEA, "", 0, "", "", ""),
            row("2025-01-03", E, "AUCTION_BUY", "auction 1", CEA, money(F_BID_PRICE), E_BID,
                money(-E_BID * F_BID_PRICE), "", ""),
            row("2025-01-03", E, "ALLOCATE", "year " + YEAR, CEA, "", E_ALLOCATED, "", "", ""),
            row("2025-01-03", E, "SURRENDER", "year " + YEAR, CEA, "", -E_SURRENDERED, "", "", ""),
            row("2025-01-03", E, "CLOSING", "", "", "", "", money(BIDDER_CASH - E_BID * F_BID_PRICE), "", "ok"),
            row("2025-01-03", E, "CLOSING", "", CEA, "", E_BID + E_ALLOCATED - E_SURRENDERED, "", "", "ok")),
            rowsOf(day, E, ACCOUNT));
    }

    @Test
    void everyClosingRowOfEveryDayChecks()
    {
        ReportScenario.run(statement);

        for (final int date : new int[]{DAY_1, DAY_2, 0})
        {
            int closing = 0;
            for (final List<String> row : text(statement.table(date)))
            {
                if (row.get(2).equals("CLOSING"))
                {
                    assertEquals("ok", row.get(9), date + ": " + row);
                    closing++;
                }
            }
            assertTrue(closing > 0, "closing rows on " + date);
        }
    }

    /**
     * Trade references name the engine's trade ids; the rows compare with "trade" in their place.
     */
    private static List<List<String>> tradesNamed(final List<List<String>> rows)
    {
        final List<List<String>> named = new ArrayList<>();
        for (final List<String> row : rows)
        {
            final List<String> copy = new ArrayList<>(row);
            if (copy.get(REFERENCE).matches("trade \\d+"))
            {
                copy.set(REFERENCE, "trade");
            }
            named.add(copy);
        }
        return named;
    }
}
