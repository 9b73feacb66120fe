package io.carbonx.reports;

import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.UserNames;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.carbonx.reports.ReportScenario.CEA;
import static io.carbonx.reports.ReportScenario.CEA_SPEC;
import static io.carbonx.reports.ReportScenario.INSTRUMENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who did what: the registry log and the settlement statement name the user of each row's command, the exchange's own
 * (setup), an API user, a FIX session, and a user the configuration does not have (by its source and id).
 */
class ReportUsersTest
{
    private static final long SELLER = 2001;
    private static final long BUYER = 3001;
    private static final UserNames NAMES = new UserNames(List.of("BROKER1", "CITIC"), List.of("mee", "huaneng"));

    private final RegistryLog log = new RegistryLog(INSTRUMENTS, NAMES, java.time.ZoneOffset.UTC);
    private final SettlementStatement statement =
        new SettlementStatement(INSTRUMENTS, ReportScenario.FEE_ACCOUNT, NAMES);

    @Test
    void eachRowNamesTheUserWhoseCommandItWas()
    {
        final ReportDriver driver = new ReportDriver().folds(log, statement).at("2025-01-02T01:00:00Z");
        driver.list(CEA_SPEC);
        driver.open(SELLER, AccountType.TRADING);
        driver.open(BUYER, AccountType.TRADING);
        driver.issue(SELLER, CEA, 500);
        driver.as(SourceIds.HTTP, 1).deposit(BUYER, 1_000_000_00L);
        driver.as(SourceIds.HTTP, 2).transfer(SELLER, BUYER, CEA, 50);
        driver.as(SourceIds.FIX, 1).limit(1, SELLER, CEA, Side.SELL, 100, 90_00);
        driver.as(SourceIds.FIX, 2).limit(2, BUYER, CEA, Side.BUY, 100, 90_00);
        driver.as(SourceIds.HTTP, 7).withdraw(BUYER, 1_00);
        driver.finish();

        final Table registry = log.table(0);
        assertEquals(List.of(
            "OPEN_ACCOUNT exchange", "OPEN_ACCOUNT exchange", "ISSUE exchange", "DEPOSIT mee", "TRANSFER huaneng",
            "TRADE fix:CITIC", "WITHDRAW 2:7"), columns(registry, "operation", "user"), "a trade is its aggressor's");

        assertEquals(List.of("DEPOSIT mee", "TRANSFER_IN huaneng", "TRADE_BUY fix:CITIC", "WITHDRAW 2:7"),
            movements(statement.table(0), BUYER), "a trade is its aggressor's");
        assertEquals(List.of("ISSUE exchange", "TRANSFER_OUT huaneng", "TRADE_SELL fix:CITIC"),
            movements(statement.table(0), SELLER));
    }

    /**
     * @return each row's two columns, joined by a blank.
     */
    private static List<String> columns(final Table table, final String first, final String second)
    {
        final int a = table.columns().indexOf(first);
        final int b = table.columns().indexOf(second);
        return table.rows().stream().map(row -> row.get(a) + " " + row.get(b)).toList();
    }

    /**
     * @return "line user" of one account's movements (its opening and closing rows left out).
     */
    private static List<String> movements(final Table table, final long account)
    {
        final int accountColumn = table.columns().indexOf("account");
        final int line = table.columns().indexOf("line");
        final int user = table.columns().indexOf("user");
        return table.rows().stream()
            .filter(row -> String.valueOf(row.get(accountColumn)).equals(String.valueOf(account)))
            .filter(row -> !"OPENING".equals(row.get(line)) && !"CLOSING".equals(row.get(line)))
            .map(row -> row.get(line) + " " + row.get(user)).toList();
    }
}
