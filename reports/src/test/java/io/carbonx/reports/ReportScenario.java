package io.carbonx.reports;

import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Three trading days of a small exchange, the figures the report tests expect, and the commands that make them.
 * <ul>
 * <li>Day 1 (2025-01-02): accounts opened and funded; SELLER sells 100 t at 90.00 and 100 t at 92.00 to BUYER's
 * 200 t order at 92.00: two trades, each side paying 3 basis points (the test settings' fees).</li>
 * <li>Day 2 (2025-01-03): a transfer, a retirement and a withdrawal; a primary auction of 1,000 t with three bids
 * (600 t at 90.00, 300 t at 88.00, 400 t at 85.00) that clears at 85.00; the 2025 compliance year opened, allowances
 * allocated, emissions recorded and units surrendered (E 100 t short, F complete with offsets).</li>
 * <li>Day 3, still open: the 2025 compliance year closed after its deadline.</li>
 * </ul>
 */
final class ReportScenario
{
    static final int CEA = 1;
    static final int CCER = 2;
    static final InstrumentSpec CEA_SPEC = new InstrumentSpec(CEA, "CEA-2025", InstrumentKind.ALLOWANCE, 2025, 1, 1, 1,
        99_999, 1_000, 90_00, SelfTradePolicy.CANCEL_INCOMING);
    static final InstrumentSpec CCER_SPEC = new InstrumentSpec(CCER, "CCER", InstrumentKind.OFFSET, 0, 1, 1, 1, 99_999,
        1_000, 40_00, SelfTradePolicy.CANCEL_INCOMING);
    static final Instruments INSTRUMENTS = new Instruments(List.of(CEA_SPEC, CCER_SPEC));

    static final long FEE_ACCOUNT = TestSettings.FEE_ACCOUNT;
    static final long FEE_BPS = 3;
    static final long AUCTION = 500;
    static final long E = 1001;
    static final long F = 1002;
    static final long SELLER = 2001;
    static final long BUYER = 3001;

    static final int DAY_1 = 20250102;
    static final int DAY_2 = 20250103;

    // day 1
    static final long SELLER_ISSUED = 1_000;
    static final long AUCTION_ISSUED = 1_000;
    static final long F_OFFSETS = 10;
    static final long BUYER_CASH = 1_000_000_00L;
    static final long BIDDER_CASH = 100_000_00L;
    static final long FIRST_QUANTITY = 100;
    static final long FIRST_PRICE = 90_00;
    static final long SECOND_QUANTITY = 100;
    static final long SECOND_PRICE = 92_00;

    // day 2
    static final long TRANSFERRED = 50;
    static final long RETIRED = 20;
    static final long WITHDRAWN = 1_000_00;
    static final long AUCTION_VOLUME = 1_000;
    static final long RESERVE_PRICE = 80_00;
    static final int MAX_SHARE_BPS = 6_000;
    static final long BUYER_BID = 600;
    static final long BUYER_BID_PRICE = 90_00;
    static final long E_BID = 300;
    static final long E_BID_PRICE = 88_00;
    static final long F_BID = 400;
    static final long F_BID_PRICE = 85_00;
    static final int YEAR = 2025;
    static final long E_ALLOCATED = 500;
    static final long F_ALLOCATED = 200;
    static final long E_EMISSIONS = 600;
    static final long F_EMISSIONS = 200;
    static final long E_SURRENDERED = 500;
    static final long F_SURRENDERED = 190;

    /**
     * Command sequences and times the rows refer to, as the scenario sent them.
     */
    final List<Long> issueSequences = new ArrayList<>();
    long buyerDepositSequence;
    long transferSequence;
    long retireSequence;
    long withdrawSequence;
    long closeAuctionSequence;
    long closeAuctionTime;
    long allocateSequence;
    long allocateTime;
    long surrenderSequence;
    long surrenderTime;

    private final ReportDriver driver = new ReportDriver();

    /**
     * Runs the three days through the folds.
     */
    static ReportScenario run(final ReportFold... folds)
    {
        final ReportScenario scenario = new ReportScenario();
        scenario.driver.folds(folds);
        scenario.play();
        return scenario;
    }

    private void play()
    {
        driver.at("2025-01-02T01:00:00Z");
        driver.list(CEA_SPEC);
        driver.list(CCER_SPEC);
        driver.open(AUCTION, AccountType.AUCTION);
        driver.open(E, AccountType.COMPLIANCE);
        driver.open(F, AccountType.COMPLIANCE);
        driver.open(SELLER, AccountType.TRADING);
        driver.open(BUYER, AccountType.TRADING);
        driver.issue(SELLER, CEA, SELLER_ISSUED);
        issueSequences.add(driver.lastSequence());
        driver.issue(AUCTION, CEA, AUCTION_ISSUED);
        issueSequences.add(driver.lastSequence());
        driver.issue(F, CCER, F_OFFSETS);
        issueSequences.add(driver.lastSequence());
        driver.deposit(BUYER, BUYER_CASH);
        buyerDepositSequence = driver.lastSequence();
        driver.deposit(E, BIDDER_CASH);
        driver.deposit(F, BIDDER_CASH);
        driver.at("2025-01-02T02:00:00Z");
        driver.limit(1, SELLER, CEA, Side.SELL, FIRST_QUANTITY, FIRST_PRICE);
        driver.limit(2, SELLER, CEA, Side.SELL, SECOND_QUANTITY, SECOND_PRICE);
        driver.limit(3, BUYER, CEA, Side.BUY, FIRST_QUANTITY + SECOND_QUANTITY, SECOND_PRICE);
        driver.at("2025-01-02T08:00:00Z");
        driver.endOfDay(DAY_1);

        driver.at("2025-01-03T01:00:00Z");
        driver.transfer(SELLER, BUYER, CEA, TRANSFERRED);
        transferSequence = driver.lastSequence();
        driver.retire(BUYER, CEA, RETIRED);
        retireSequence = driver.lastSequence();
        driver.withdraw(SELLER, WITHDRAWN);
        withdrawSequence = driver.lastSequence();
        driver.at("2025-01-03T02:00:00Z");
        driver.openAuction(1, CEA, AUCTION, AUCTION_VOLUME, RESERVE_PRICE, MAX_SHARE_BPS, "2025-01-03T03:00:00Z",
            "2025-01-03T04:00:00Z");
        driver.at("2025-01-03T03:10:00Z");
        driver.bid(1, 1, BUYER, BUYER_BID_PRICE, BUYER_BID);
        driver.bid(1, 2, E, E_BID_PRICE, E_BID);
        driver.bid(1, 3, F, F_BID_PRICE, F_BID);
        driver.at("2025-01-03T04:30:00Z");
        driver.closeAuction(1);
        closeAuctionSequence = driver.lastSequence();
        closeAuctionTime = driver.time();
        driver.at("2025-01-03T05:00:00Z");
        driver.openComplianceYear(YEAR, "2025-02-01T00:00:00Z");
        driver.allocate(YEAR, E, CEA, E_ALLOCATED);
        allocateSequence = driver.lastSequence();
        allocateTime = driver.time();
        driver.allocate(YEAR, F, CEA, F_ALLOCATED);
        driver.emissions(YEAR, E, E_EMISSIONS);
        driver.emissions(YEAR, F, F_EMISSIONS);
        driver.at("2025-01-03T06:00:00Z");
        driver.surrender(YEAR, E, CEA, E_SURRENDERED);
        surrenderSequence = driver.lastSequence();
        surrenderTime = driver.time();
        driver.surrender(YEAR, F, CEA, F_SURRENDERED);
        driver.surrender(YEAR, F, CCER, F_OFFSETS);
        driver.at("2025-01-03T08:00:00Z");
        driver.endOfDay(DAY_2);

        driver.at("2025-02-02T00:00:00Z");
        driver.closeComplianceYear(YEAR);
        driver.finish();
    }

    // ------------------------------------------------------------------------------------------------ figures

    /**
     * @return the fee on one side of a trade of this value, in 0.01 units (the scenario's values make it exact).
     */
    static long fee(final long value)
    {
        if (value * FEE_BPS % 10_000 != 0)
        {
            throw new IllegalStateException("the scenario's trade values give whole-cent fees");
        }
        return value * FEE_BPS / 10_000;
    }

    /**
     * @return the share of units in what is outstanding, in percent with two decimals, rounded half up.
     */
    static String percent(final long units, final long outstanding)
    {
        return BigDecimal.valueOf(units * 100).divide(BigDecimal.valueOf(outstanding), 2, RoundingMode.HALF_UP)
            .toPlainString();
    }

    /**
     * @return the rows of one account.
     */
    static List<List<String>> rowsOf(final List<List<String>> rows, final long account, final int accountColumn)
    {
        final List<List<String>> selected = new ArrayList<>();
        for (final List<String> row : rows)
        {
            if (row.get(accountColumn).equals(Long.toString(account)))
            {
                selected.add(row);
            }
        }
        return selected;
    }

    /**
     * @return 0.01 units written as the reports write money.
     */
    static String money(final long minorUnits)
    {
        return BigDecimal.valueOf(minorUnits, 2).toPlainString();
    }

    /**
     * @return a table's rows with every value as text, so expected rows need not match boxed number types; without
     * the {@code user} column, which is the exchange's own in every command of the scenario and is checked where
     * users act ({@link ReportUsersTest}).
     */
    static List<List<String>> text(final Table table)
    {
        final int user = table.columns().indexOf("user");
        final List<List<String>> rows = new ArrayList<>();
        for (final List<Object> row : table.rows())
        {
            final List<String> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++)
            {
                if (i != user)
                {
                    values.add(String.valueOf(row.get(i)));
                }
            }
            rows.add(values);
        }
        return rows;
    }

    /**
     * @return the values as text, one expected row.
     */
    static List<String> row(final Object... values)
    {
        final List<String> row = new ArrayList<>();
        for (final Object value : values)
        {
            row.add(String.valueOf(value));
        }
        return row;
    }
}
