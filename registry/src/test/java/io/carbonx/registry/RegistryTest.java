package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.RejectReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static io.carbonx.protocol.sbe.RejectReason.ACCOUNT_NOT_PERMITTED;
import static io.carbonx.protocol.sbe.RejectReason.DUPLICATE_ID;
import static io.carbonx.protocol.sbe.RejectReason.HOLDING_LIMIT_EXCEEDED;
import static io.carbonx.protocol.sbe.RejectReason.INSUFFICIENT_CASH;
import static io.carbonx.protocol.sbe.RejectReason.INSUFFICIENT_UNITS;
import static io.carbonx.protocol.sbe.RejectReason.INVALID_ACCOUNT_TYPE;
import static io.carbonx.protocol.sbe.RejectReason.INVALID_AMOUNT;
import static io.carbonx.protocol.sbe.RejectReason.UNKNOWN_ACCOUNT;
import static io.carbonx.protocol.sbe.RejectReason.UNKNOWN_INSTRUMENT;
import static io.carbonx.registry.SerialRangeQueueTest.assertRanges;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryTest
{
    static final long FEE = 1;
    static final long COMPLIANCE = 10;
    static final long TRADER = 20;
    static final long OTHER_TRADER = 21;
    static final long OWNER = 30;
    static final long UNKNOWN = 999;
    static final int CEA = 1;
    static final int CCER = 2;
    static final int MAX_INSTRUMENT = 4;
    static final long LIMIT = 1_000;

    private Registry registry;

    @BeforeEach
    void openAccounts()
    {
        registry = new Registry(FEE, HoldingLimits.uniform(LIMIT), MAX_INSTRUMENT);
        assertNull(registry.openAccount(COMPLIANCE, AccountType.COMPLIANCE));
        assertNull(registry.openAccount(TRADER, AccountType.TRADING));
        assertNull(registry.openAccount(OTHER_TRADER, AccountType.TRADING));
        assertNull(registry.openAccount(OWNER, AccountType.PROJECT_OWNER));
    }

    private void assertRefused(final RejectReason expected, final Supplier<RejectReason> operation)
    {
        final long before = registry.stateHash();
        final List<RemovalRecord> removalsBefore = List.copyOf(registry.removals());

        assertEquals(expected, operation.get());
        assertEquals(before, registry.stateHash(), "a refused operation changed the state");
        assertEquals(removalsBefore, registry.removals());
        assertTrue(RegistryAudit.findViolations(registry).isEmpty());
    }

    private Holding holding(final long accountId, final int instrumentId)
    {
        return registry.holding(accountId, instrumentId);
    }

    @Nested
    class Accounts
    {
        @Test
        void keepsAccountsInOpeningOrderAfterTheFeeAccount()
        {
            assertEquals(List.of(FEE, COMPLIANCE, TRADER, OTHER_TRADER, OWNER),
                registry.accounts().stream().map(Account::id).toList());
            assertEquals(AccountType.FEE, registry.account(FEE).type());
            assertEquals(AccountType.PROJECT_OWNER, registry.account(OWNER).type());
            assertNull(registry.account(UNKNOWN));
            assertThrows(UnsupportedOperationException.class, () -> registry.accounts().clear());
        }

        @Test
        void refusesADuplicateId()
        {
            assertRefused(DUPLICATE_ID, () -> registry.openAccount(TRADER, AccountType.COMPLIANCE));
            assertRefused(DUPLICATE_ID, () -> registry.openAccount(FEE, AccountType.TRADING));
        }

        @Test
        void refusesASecondFeeAccount()
        {
            assertRefused(INVALID_ACCOUNT_TYPE, () -> registry.openAccount(UNKNOWN, AccountType.FEE));
            assertRefused(INVALID_ACCOUNT_TYPE, () -> registry.openAccount(UNKNOWN, AccountType.NULL_VAL));
        }

        @Test
        void permitsTheHolderAndLinkedBrokersOnly()
        {
            assertNull(registry.linkBroker(7, TRADER));
            assertNull(registry.linkBroker(3, TRADER));

            assertTrue(registry.isPermitted(0, TRADER));
            assertTrue(registry.isPermitted(7, TRADER));
            assertTrue(registry.isPermitted(3, TRADER));
            assertFalse(registry.isPermitted(5, TRADER));
            assertFalse(registry.isPermitted(7, OTHER_TRADER));
            assertFalse(registry.isPermitted(0, UNKNOWN));
            assertEquals(3, registry.account(TRADER).brokerId(0));
            assertEquals(7, registry.account(TRADER).brokerId(1));
        }

        @Test
        void refusesToLinkABrokerTwiceOrToAnUnknownAccount()
        {
            assertNull(registry.linkBroker(7, TRADER));

            assertRefused(DUPLICATE_ID, () -> registry.linkBroker(7, TRADER));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.linkBroker(7, UNKNOWN));
            assertRefused(ACCOUNT_NOT_PERMITTED, () -> registry.linkBroker(0, TRADER));
            assertRefused(ACCOUNT_NOT_PERMITTED, () -> registry.linkBroker(-7, TRADER));
        }
    }

    @Nested
    class Issuance
    {
        @Test
        void issuesConsecutiveSerialBlocksPerInstrument()
        {
            assertNull(registry.issue(COMPLIANCE, CEA, 500));
            assertRanges(registry.lastMoved(), 1, 500);

            assertNull(registry.issue(OWNER, CCER, 40));
            assertRanges(registry.lastMoved(), 1, 40);

            assertNull(registry.issue(TRADER, CEA, 100));
            assertRanges(registry.lastMoved(), 501, 600);

            assertNull(registry.issue(COMPLIANCE, CEA, 50));
            assertRanges(holding(COMPLIANCE, CEA).serials(), 1, 500, 601, 650);
            assertEquals(550, holding(COMPLIANCE, CEA).total());
            assertEquals(550, holding(COMPLIANCE, CEA).allocated());
            assertEquals(550, holding(COMPLIANCE, CEA).available());
            assertEquals(650, registry.issued(CEA));
            assertEquals(40, registry.issued(CCER));
        }

        @Test
        void mergesBackToBackIssuesIntoOneRange()
        {
            assertNull(registry.issue(COMPLIANCE, CEA, 10));
            assertNull(registry.issue(COMPLIANCE, CEA, 10));

            assertRanges(holding(COMPLIANCE, CEA).serials(), 1, 20);
        }

        @Test
        void doesNotApplyTheHoldingLimitToIssuance()
        {
            assertNull(registry.issue(OWNER, CCER, 10 * LIMIT));

            assertEquals(10 * LIMIT, holding(OWNER, CCER).total());
        }

        @Test
        void refusesWhatItCannotIssue()
        {
            assertRefused(INVALID_AMOUNT, () -> registry.issue(COMPLIANCE, CEA, 0));
            assertRefused(INVALID_AMOUNT, () -> registry.issue(COMPLIANCE, CEA, -5));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.issue(COMPLIANCE, 0, 5));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.issue(COMPLIANCE, MAX_INSTRUMENT + 1, 5));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.issue(UNKNOWN, CEA, 5));
            assertRefused(INVALID_ACCOUNT_TYPE, () -> registry.issue(FEE, CEA, 5));
        }

        @Test
        void refusesToRunOutOfSerialNumbers()
        {
            assertNull(registry.issue(OWNER, CCER, Long.MAX_VALUE - 1));
            assertNull(registry.issue(OWNER, CCER, 1));
            assertRanges(registry.lastMoved(), Long.MAX_VALUE, Long.MAX_VALUE);

            assertRefused(INVALID_AMOUNT, () -> registry.issue(OWNER, CCER, 1));
        }
    }

    @Nested
    class Transfers
    {
        @BeforeEach
        void issue()
        {
            assertNull(registry.issue(COMPLIANCE, CEA, 100));
            assertNull(registry.issue(TRADER, CEA, 100));
            assertNull(registry.issue(COMPLIANCE, CEA, 100));
        }

        @Test
        void movesTheOldestSerialsFirst()
        {
            assertNull(registry.transfer(COMPLIANCE, OTHER_TRADER, CEA, 130));

            // Exactly the blocks moved, not 1..230: 101..200 stays with TRADER.
            assertRanges(registry.lastMoved(), 1, 100, 201, 230);
            assertRanges(holding(COMPLIANCE, CEA).serials(), 231, 300);
            assertRanges(holding(OTHER_TRADER, CEA).serials(), 1, 100, 201, 230);
            assertEquals(70, holding(COMPLIANCE, CEA).total());
            assertEquals(130, holding(OTHER_TRADER, CEA).available());
            assertEquals(0, holding(OTHER_TRADER, CEA).allocated());
        }

        @Test
        void mergesRangesThatComeBack()
        {
            assertNull(registry.transfer(COMPLIANCE, OTHER_TRADER, CEA, 30));
            assertNull(registry.transfer(COMPLIANCE, OTHER_TRADER, CEA, 70));
            assertRanges(holding(OTHER_TRADER, CEA).serials(), 1, 100);

            assertNull(registry.transfer(OTHER_TRADER, COMPLIANCE, CEA, 100));
            assertRanges(holding(COMPLIANCE, CEA).serials(), 201, 300, 1, 100);
            assertRanges(holding(OTHER_TRADER, CEA).serials());
        }

        @Test
        void refusesMalformedTransfers()
        {
            assertRefused(INVALID_AMOUNT, () -> registry.transfer(COMPLIANCE, TRADER, CEA, 0));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.transfer(COMPLIANCE, TRADER, MAX_INSTRUMENT + 1, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.transfer(UNKNOWN, TRADER, CEA, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.transfer(COMPLIANCE, UNKNOWN, CEA, 1));
            assertRefused(ACCOUNT_NOT_PERMITTED, () -> registry.transfer(COMPLIANCE, COMPLIANCE, CEA, 1));
            assertRefused(INVALID_ACCOUNT_TYPE, () -> registry.transfer(COMPLIANCE, FEE, CEA, 1));
        }

        @Test
        void movesAvailableUnitsOnly()
        {
            assertNull(registry.reserveUnits(COMPLIANCE, CEA, 50));
            assertNull(registry.pledge(COMPLIANCE, CEA, 50));

            assertRefused(INSUFFICIENT_UNITS, () -> registry.transfer(COMPLIANCE, TRADER, CEA, 101));
            assertRefused(INSUFFICIENT_UNITS, () -> registry.transfer(OWNER, TRADER, CEA, 1));
            assertRefused(INSUFFICIENT_UNITS, () -> registry.transfer(COMPLIANCE, TRADER, CCER, 1));
            assertNull(registry.transfer(COMPLIANCE, TRADER, CEA, 100));
        }

        @Test
        void refusesToTakeTheReceiverOverItsHoldingLimit()
        {
            assertNull(registry.issue(OWNER, CEA, 2 * LIMIT));
            assertNull(registry.reservePendingBuy(OTHER_TRADER, CEA, 400));

            assertRefused(HOLDING_LIMIT_EXCEEDED, () -> registry.transfer(OWNER, OTHER_TRADER, CEA, LIMIT - 399));
            assertNull(registry.transfer(OWNER, OTHER_TRADER, CEA, LIMIT - 400));
        }

        @Test
        void letsACoveredEnterpriseHoldItsAllocationOnTopOfTheLimit()
        {
            assertNull(registry.issue(OWNER, CEA, 2 * LIMIT));

            // COMPLIANCE was allocated 200: it may hold 200 + LIMIT.
            assertNull(registry.transfer(OWNER, COMPLIANCE, CEA, LIMIT));
            assertRefused(HOLDING_LIMIT_EXCEEDED, () -> registry.transfer(OWNER, COMPLIANCE, CEA, 1));
        }
    }

    @Nested
    class PledgesRetirementsCancellations
    {
        @BeforeEach
        void issue()
        {
            assertNull(registry.issue(COMPLIANCE, CEA, 100));
            assertNull(registry.issue(TRADER, CEA, 100));
            assertNull(registry.issue(COMPLIANCE, CEA, 100));
        }

        @Test
        void pledgedUnitsAreNotAvailableUntilUnpledged()
        {
            assertNull(registry.pledge(COMPLIANCE, CEA, 150));
            assertEquals(150, holding(COMPLIANCE, CEA).pledged());
            assertEquals(50, holding(COMPLIANCE, CEA).available());
            assertRefused(INSUFFICIENT_UNITS, () -> registry.pledge(COMPLIANCE, CEA, 51));
            assertRefused(INSUFFICIENT_UNITS, () -> registry.unpledge(COMPLIANCE, CEA, 151));
            assertRefused(INSUFFICIENT_UNITS, () -> registry.unpledge(OWNER, CEA, 1));

            assertNull(registry.unpledge(COMPLIANCE, CEA, 150));
            assertEquals(200, holding(COMPLIANCE, CEA).available());
        }

        @Test
        void pledgesMoveTheExactOldestAvailableBlocksAndReleasesGiveThemBack()
        {
            // COMPLIANCE holds 1..100 and 201..300.
            assertNull(registry.pledge(COMPLIANCE, CEA, 120));
            assertRanges(registry.lastMoved(), 1, 100, 201, 220);
            assertRanges(holding(COMPLIANCE, CEA).pledgedSerials(), 1, 100, 201, 220);
            assertRanges(holding(COMPLIANCE, CEA).serials(), 221, 300);

            // A release gives back the oldest pledged blocks as the oldest available units, ahead of the others.
            assertNull(registry.unpledge(COMPLIANCE, CEA, 50));
            assertRanges(registry.lastMoved(), 1, 50);
            assertRanges(holding(COMPLIANCE, CEA).pledgedSerials(), 51, 100, 201, 220);
            assertRanges(holding(COMPLIANCE, CEA).serials(), 1, 50, 221, 300);

            assertNull(registry.unpledge(COMPLIANCE, CEA, 70));
            assertRanges(registry.lastMoved(), 51, 100, 201, 220);
            assertEquals(0, holding(COMPLIANCE, CEA).pledgedSerials().rangeCount());
            assertRanges(holding(COMPLIANCE, CEA).serials(), 51, 100, 201, 220, 1, 50, 221, 300);
            assertTrue(RegistryAudit.findViolations(registry).isEmpty());
        }

        @Test
        void pledgedBlocksNeverLeaveTheHolding()
        {
            assertNull(registry.pledge(COMPLIANCE, CEA, 60));
            assertRanges(registry.lastMoved(), 1, 60);

            // 140 unpledged: more than that is refused for every way out, with nothing changed.
            assertRefused(INSUFFICIENT_UNITS, () -> registry.transfer(COMPLIANCE, TRADER, CEA, 141));
            assertRefused(INSUFFICIENT_UNITS, () -> registry.surrender(COMPLIANCE, CEA, 141));
            assertRefused(INSUFFICIENT_UNITS, () -> registry.retire(COMPLIANCE, CEA, 141, "b", "r"));
            assertRefused(INSUFFICIENT_UNITS, () -> registry.cancel(COMPLIANCE, CEA, 141));
            assertRefused(INSUFFICIENT_UNITS, () -> registry.reserveUnits(COMPLIANCE, CEA, 141));

            assertNull(registry.transfer(COMPLIANCE, TRADER, CEA, 30));
            assertRanges(registry.lastMoved(), 61, 90);
            assertNull(registry.surrender(COMPLIANCE, CEA, 20));
            assertRanges(registry.lastMoved(), 91, 100, 201, 210);
            assertNull(registry.retire(COMPLIANCE, CEA, 40, "b", "r"));
            assertRanges(registry.lastMoved(), 211, 250);
            assertNull(registry.cancel(COMPLIANCE, CEA, 50));
            assertRanges(registry.lastMoved(), 251, 300);

            final Holding holding = holding(COMPLIANCE, CEA);
            assertEquals(60, holding.total());
            assertEquals(0, holding.available());
            assertEquals(0, holding.serials().rangeCount());
            assertRanges(holding.pledgedSerials(), 1, 60);
            assertRefused(INSUFFICIENT_UNITS, () -> registry.transfer(COMPLIANCE, TRADER, CEA, 1));

            assertNull(registry.unpledge(COMPLIANCE, CEA, 60));
            assertRanges(registry.lastMoved(), 1, 60);
            assertRanges(holding.serials(), 1, 60);
            assertTrue(RegistryAudit.findViolations(registry).isEmpty());
        }

        @Test
        void aPledgeSkipsTheUnitsWorkingSellOrdersWillDeliverAndASaleNeverTakesPledgedOnes()
        {
            assertNull(registry.depositCash(TRADER, 1_000_000));
            assertNull(registry.reserveCash(TRADER, 1_000_000));
            assertNull(registry.reservePendingBuy(TRADER, CEA, 140));
            assertNull(registry.reserveUnits(COMPLIANCE, CEA, 140));

            // The front 140 (1..100, 201..240) are for the working sell orders: the pledge takes the 60 after them.
            assertNull(registry.pledge(COMPLIANCE, CEA, 60));
            assertRanges(registry.lastMoved(), 241, 300);
            assertRanges(holding(COMPLIANCE, CEA).serials(), 1, 100, 201, 240);
            assertRefused(INSUFFICIENT_UNITS, () -> registry.pledge(COMPLIANCE, CEA, 1));
            assertRefused(INSUFFICIENT_UNITS,
                () -> registry.settle(TRADER, COMPLIANCE, CEA, 141, 141, 0, 0, 141));

            assertNull(registry.settle(TRADER, COMPLIANCE, CEA, 140, 140, 0, 0, 140));
            assertRanges(registry.lastMoved(), 1, 100, 201, 240);
            assertRanges(holding(COMPLIANCE, CEA).pledgedSerials(), 241, 300);
            assertEquals(0, holding(COMPLIANCE, CEA).serials().rangeCount());
            assertTrue(RegistryAudit.findViolations(registry).isEmpty());
        }

        @Test
        void refusesMalformedPledges()
        {
            assertRefused(INVALID_AMOUNT, () -> registry.pledge(COMPLIANCE, CEA, 0));
            assertRefused(INVALID_AMOUNT, () -> registry.unpledge(COMPLIANCE, CEA, -1));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.pledge(COMPLIANCE, 0, 1));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.unpledge(COMPLIANCE, 0, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.pledge(UNKNOWN, CEA, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.unpledge(UNKNOWN, CEA, 1));
        }

        @Test
        void retiresTheOldestSerialsAndRecordsThem()
        {
            assertNull(registry.retire(COMPLIANCE, CEA, 120, "Acme Steel", "2025 net zero claim"));

            assertRanges(registry.lastMoved(), 1, 100, 201, 220);
            assertRanges(holding(COMPLIANCE, CEA).serials(), 221, 300);
            assertEquals(80, holding(COMPLIANCE, CEA).total());
            assertEquals(120, registry.retired(CEA));
            assertEquals(180, registry.outstanding(CEA));

            final RemovalRecord record = registry.removals().get(0);
            assertEquals(RemovalRecord.Kind.RETIREMENT, record.kind());
            assertEquals(COMPLIANCE, record.accountId());
            assertEquals(CEA, record.instrumentId());
            assertEquals(120, record.quantity());
            assertEquals("Acme Steel", record.beneficiary());
            assertEquals("2025 net zero claim", record.reason());
            assertRanges(record, 1, 100, 201, 220);
        }

        @Test
        void surrendersTheOldestSerialsAndTakesThemOutOfCirculation()
        {
            assertNull(registry.surrender(COMPLIANCE, CEA, 150));

            assertRanges(registry.lastMoved(), 1, 100, 201, 250);
            assertEquals(150, registry.surrendered(CEA));
            assertEquals(0, registry.retired(CEA));
            assertEquals(150, registry.outstanding(CEA));
            assertRanges(holding(COMPLIANCE, CEA).serials(), 251, 300);
            final RemovalRecord record = registry.removals().get(0);
            assertEquals(RemovalRecord.Kind.SURRENDER, record.kind());
            assertEquals(COMPLIANCE, record.accountId());
            assertRanges(record, 1, 100, 201, 250);
            assertTrue(RegistryAudit.findViolations(registry).isEmpty());
        }

        @Test
        void surrenderIsRefusedBeyondAvailableUnitsAndChangesNothing()
        {
            final long hash = registry.stateHash();
            assertRefused(INSUFFICIENT_UNITS, () -> registry.surrender(COMPLIANCE, CEA, 201));
            assertRefused(INVALID_AMOUNT, () -> registry.surrender(COMPLIANCE, CEA, 0));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.surrender(UNKNOWN, CEA, 1));
            assertEquals(hash, registry.stateHash());
            assertEquals(0, registry.surrendered(CEA));
        }

        @Test
        void cancelsTheOldestSerialsAndRecordsThem()
        {
            assertNull(registry.cancel(TRADER, CEA, 30));

            assertEquals(30, registry.cancelled(CEA));
            assertEquals(270, registry.outstanding(CEA));
            assertRanges(holding(TRADER, CEA).serials(), 131, 200);
            final RemovalRecord record = registry.removals().get(0);
            assertEquals(RemovalRecord.Kind.CANCELLATION, record.kind());
            assertEquals("", record.beneficiary());
            assertRanges(record, 101, 130);
            assertThrows(UnsupportedOperationException.class, () -> registry.removals().clear());
        }

        @Test
        void removesAvailableUnitsOnly()
        {
            assertNull(registry.reserveUnits(COMPLIANCE, CEA, 150));

            assertRefused(INSUFFICIENT_UNITS, () -> registry.retire(COMPLIANCE, CEA, 51, "b", "r"));
            assertRefused(INSUFFICIENT_UNITS, () -> registry.cancel(COMPLIANCE, CEA, 51));
            assertRefused(INSUFFICIENT_UNITS, () -> registry.cancel(OWNER, CEA, 1));
        }

        @Test
        void refusesMalformedRemovals()
        {
            assertRefused(INVALID_AMOUNT, () -> registry.retire(COMPLIANCE, CEA, 0, "b", "r"));
            assertRefused(INVALID_AMOUNT, () -> registry.cancel(COMPLIANCE, CEA, 0));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.retire(COMPLIANCE, -1, 1, "b", "r"));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.cancel(COMPLIANCE, -1, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.retire(UNKNOWN, CEA, 1, "b", "r"));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.cancel(UNKNOWN, CEA, 1));
            assertThrows(NullPointerException.class, () -> registry.retire(COMPLIANCE, CEA, 1, null, "r"));
        }
    }

    @Nested
    class Cash
    {
        @Test
        void depositsAndWithdrawsAvailableCash()
        {
            assertNull(registry.depositCash(TRADER, 10_000));
            assertNull(registry.reserveCash(TRADER, 4_000));

            assertRefused(INSUFFICIENT_CASH, () -> registry.withdrawCash(TRADER, 6_001));
            assertNull(registry.withdrawCash(TRADER, 6_000));

            final Account trader = registry.account(TRADER);
            assertEquals(4_000, trader.cashTotal());
            assertEquals(4_000, trader.cashReserved());
            assertEquals(0, trader.cashAvailable());
            assertEquals(10_000, registry.cashDeposited());
            assertEquals(6_000, registry.cashWithdrawn());
        }

        @Test
        void refusesMalformedCashMovements()
        {
            assertNull(registry.depositCash(TRADER, 100));

            assertRefused(INVALID_AMOUNT, () -> registry.depositCash(TRADER, 0));
            assertRefused(INVALID_AMOUNT, () -> registry.withdrawCash(TRADER, -1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.depositCash(UNKNOWN, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.withdrawCash(UNKNOWN, 1));
            assertRefused(INVALID_ACCOUNT_TYPE, () -> registry.depositCash(FEE, 1));
            assertRefused(INSUFFICIENT_CASH, () -> registry.withdrawCash(TRADER, 101));
            assertRefused(INSUFFICIENT_CASH, () -> registry.withdrawCash(FEE, 1));
        }

        @Test
        void refusesDepositsThatWouldOverflow()
        {
            assertNull(registry.depositCash(TRADER, Long.MAX_VALUE - 10));
            assertNull(registry.withdrawCash(TRADER, Long.MAX_VALUE - 10));

            assertRefused(INVALID_AMOUNT, () -> registry.depositCash(OTHER_TRADER, 11));
            assertNull(registry.depositCash(OTHER_TRADER, 10));
        }
    }

    @Nested
    class OrderReservations
    {
        @BeforeEach
        void fund()
        {
            assertNull(registry.issue(TRADER, CEA, 300));
            assertNull(registry.depositCash(OTHER_TRADER, 50_000));
        }

        @Test
        void reservesAndReleasesUnitsForSellOrders()
        {
            assertNull(registry.reserveUnits(TRADER, CEA, 200));
            assertEquals(200, holding(TRADER, CEA).reserved());
            assertEquals(100, holding(TRADER, CEA).available());
            assertRefused(INSUFFICIENT_UNITS, () -> registry.reserveUnits(TRADER, CEA, 101));
            assertRefused(INSUFFICIENT_UNITS, () -> registry.releaseUnits(TRADER, CEA, 201));
            assertRefused(INSUFFICIENT_UNITS, () -> registry.releaseUnits(OTHER_TRADER, CEA, 1));

            assertNull(registry.releaseUnits(TRADER, CEA, 200));
            assertEquals(300, holding(TRADER, CEA).available());
        }

        @Test
        void reservesAndReleasesCashForBuyOrders()
        {
            assertNull(registry.reserveCash(OTHER_TRADER, 30_000));
            assertEquals(20_000, registry.account(OTHER_TRADER).cashAvailable());
            assertRefused(INSUFFICIENT_CASH, () -> registry.reserveCash(OTHER_TRADER, 20_001));
            assertRefused(INSUFFICIENT_CASH, () -> registry.releaseCash(OTHER_TRADER, 30_001));

            assertNull(registry.releaseCash(OTHER_TRADER, 30_000));
            assertEquals(50_000, registry.account(OTHER_TRADER).cashAvailable());
        }

        @Test
        void reservesAndReleasesPendingBuysAgainstTheHoldingLimit()
        {
            assertNull(registry.reservePendingBuy(OTHER_TRADER, CEA, 600));
            assertNull(registry.reservePendingBuy(OTHER_TRADER, CEA, 400));
            assertEquals(1_000, holding(OTHER_TRADER, CEA).pendingBuy());
            assertRefused(HOLDING_LIMIT_EXCEEDED, () -> registry.reservePendingBuy(OTHER_TRADER, CEA, 1));
            assertRefused(HOLDING_LIMIT_EXCEEDED, () -> registry.reservePendingBuy(TRADER, CEA, 701));
            assertRefused(INVALID_AMOUNT, () -> registry.releasePendingBuy(OTHER_TRADER, CEA, 1_001));
            assertRefused(INVALID_AMOUNT, () -> registry.releasePendingBuy(COMPLIANCE, CEA, 1));

            assertNull(registry.releasePendingBuy(OTHER_TRADER, CEA, 1_000));
            assertEquals(0, holding(OTHER_TRADER, CEA).pendingBuy());
        }

        @Test
        void reservesAndReleasesBothSidesOfABuyOrderTogether()
        {
            assertNull(registry.reserveForBuy(OTHER_TRADER, CEA, 700, 35_000));
            assertEquals(700, holding(OTHER_TRADER, CEA).pendingBuy());
            assertEquals(35_000, registry.account(OTHER_TRADER).cashReserved());

            assertRefused(INSUFFICIENT_CASH, () -> registry.reserveForBuy(OTHER_TRADER, CEA, 100, 15_001));
            assertRefused(HOLDING_LIMIT_EXCEEDED, () -> registry.reserveForBuy(OTHER_TRADER, CEA, 301, 15_000));
            assertRefused(INSUFFICIENT_CASH, () -> registry.releaseForBuy(OTHER_TRADER, CEA, 700, 35_001));
            assertRefused(INVALID_AMOUNT, () -> registry.releaseForBuy(OTHER_TRADER, CEA, 701, 35_000));

            assertNull(registry.releaseForBuy(OTHER_TRADER, CEA, 700, 35_000));
            assertEquals(0, holding(OTHER_TRADER, CEA).pendingBuy());
            assertEquals(0, registry.account(OTHER_TRADER).cashReserved());
        }

        @Test
        void refusesMalformedBuyReservations()
        {
            assertRefused(INVALID_AMOUNT, () -> registry.reserveForBuy(OTHER_TRADER, CEA, 0, 1));
            assertRefused(INVALID_AMOUNT, () -> registry.reserveForBuy(OTHER_TRADER, CEA, 1, 0));
            assertRefused(INVALID_AMOUNT, () -> registry.releaseForBuy(OTHER_TRADER, CEA, 0, 1));
            assertRefused(INVALID_AMOUNT, () -> registry.releaseForBuy(OTHER_TRADER, CEA, 1, -1));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.reserveForBuy(OTHER_TRADER, 9, 1, 1));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.releaseForBuy(OTHER_TRADER, 9, 1, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.reserveForBuy(UNKNOWN, CEA, 1, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.releaseForBuy(UNKNOWN, CEA, 1, 1));
            assertRefused(INVALID_ACCOUNT_TYPE, () -> registry.reserveForBuy(FEE, CEA, 1, 1));
        }

        @Test
        void reservesForAnAccountAlreadyLookedUpAsForItsId()
        {
            final Account trader = registry.account(TRADER);
            final Account buyer = registry.account(OTHER_TRADER);
            assertNull(registry.reserveUnits(trader, CEA, 200));
            assertEquals(200, holding(TRADER, CEA).reserved());
            assertNull(registry.reserveForBuy(buyer, CEA, 700, 35_000));
            assertEquals(700, holding(OTHER_TRADER, CEA).pendingBuy());
            assertEquals(35_000, buyer.cashReserved());
            assertTrue(registry.isPermitted(0, trader));
            assertFalse(registry.isPermitted(7, trader));
            assertFalse(registry.isPermitted(0, (Account)null));

            // The same reasons, checked in the same order, as the id forms.
            assertRefused(INSUFFICIENT_UNITS, () -> registry.reserveUnits(trader, CEA, 101));
            assertRefused(INVALID_AMOUNT, () -> registry.reserveUnits(trader, CEA, 0));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.reserveUnits(trader, 9, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.reserveUnits((Account)null, CEA, 1));
            assertRefused(INVALID_AMOUNT, () -> registry.reserveUnits((Account)null, CEA, 0));
            assertRefused(INSUFFICIENT_CASH, () -> registry.reserveForBuy(buyer, CEA, 100, 15_001));
            assertRefused(HOLDING_LIMIT_EXCEEDED, () -> registry.reserveForBuy(buyer, CEA, 301, 15_000));
            assertRefused(INVALID_AMOUNT, () -> registry.reserveForBuy(buyer, CEA, 1, 0));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.reserveForBuy(buyer, 9, 1, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.reserveForBuy((Account)null, CEA, 1, 1));
            assertRefused(INVALID_ACCOUNT_TYPE, () -> registry.reserveForBuy(registry.account(FEE), CEA, 1, 1));
        }

        @Test
        void refusesMalformedReservations()
        {
            assertRefused(INVALID_AMOUNT, () -> registry.reserveUnits(TRADER, CEA, 0));
            assertRefused(INVALID_AMOUNT, () -> registry.releaseUnits(TRADER, CEA, 0));
            assertRefused(INVALID_AMOUNT, () -> registry.reserveCash(TRADER, 0));
            assertRefused(INVALID_AMOUNT, () -> registry.releaseCash(TRADER, -1));
            assertRefused(INVALID_AMOUNT, () -> registry.reservePendingBuy(TRADER, CEA, 0));
            assertRefused(INVALID_AMOUNT, () -> registry.releasePendingBuy(TRADER, CEA, 0));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.reserveUnits(TRADER, 9, 1));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.releaseUnits(TRADER, 9, 1));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.reservePendingBuy(TRADER, 9, 1));
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.releasePendingBuy(TRADER, 9, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.reserveUnits(UNKNOWN, CEA, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.releaseUnits(UNKNOWN, CEA, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.reserveCash(UNKNOWN, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.releaseCash(UNKNOWN, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.reservePendingBuy(UNKNOWN, CEA, 1));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.releasePendingBuy(UNKNOWN, CEA, 1));
            assertRefused(INVALID_ACCOUNT_TYPE, () -> registry.reservePendingBuy(FEE, CEA, 1));
        }
    }

    @Nested
    class Settlement
    {
        private static final long PRICE = 5_000;

        @BeforeEach
        void workingOrders()
        {
            assertNull(registry.issue(COMPLIANCE, CEA, 100));
            assertNull(registry.issue(TRADER, CEA, 100));
            assertNull(registry.issue(COMPLIANCE, CEA, 100));
            assertNull(registry.reserveUnits(COMPLIANCE, CEA, 150));
            assertNull(registry.depositCash(OTHER_TRADER, 1_000_000));
            assertNull(registry.reserveCash(OTHER_TRADER, 600_000));
            assertNull(registry.reservePendingBuy(OTHER_TRADER, CEA, 120));
        }

        @Test
        void deliversUnitsAgainstPaymentAndCollectsFees()
        {
            assertNull(registry.settle(OTHER_TRADER, COMPLIANCE, CEA, 110, 110 * PRICE, 300, 200, 560_000));

            final Holding sold = holding(COMPLIANCE, CEA);
            assertEquals(90, sold.total());
            assertEquals(40, sold.reserved());
            assertRanges(sold.serials(), 211, 300);

            final Holding bought = holding(OTHER_TRADER, CEA);
            assertEquals(110, bought.total());
            assertEquals(110, bought.locked());
            assertEquals(0, bought.available());
            assertEquals(10, bought.pendingBuy());
            assertRanges(bought.serials(), 1, 100, 201, 210);
            assertRanges(registry.lastMoved(), 1, 100, 201, 210);

            final Account buyer = registry.account(OTHER_TRADER);
            assertEquals(1_000_000 - 550_000 - 300, buyer.cashTotal());
            assertEquals(600_000 - 560_000, buyer.cashReserved());
            assertEquals(550_000 - 200, registry.account(COMPLIANCE).cashTotal());
            assertEquals(500, registry.account(FEE).cashTotal());
            assertEquals(500, registry.feesCollected());
        }

        @Test
        void unlocksBoughtUnitsAtTheEndOfTheDay()
        {
            assertNull(registry.settle(OTHER_TRADER, COMPLIANCE, CEA, 110, 110 * PRICE, 0, 0, 550_000));
            assertRefused(INSUFFICIENT_UNITS, () -> registry.reserveUnits(OTHER_TRADER, CEA, 1));

            registry.unlockAll();

            assertEquals(0, holding(OTHER_TRADER, CEA).locked());
            assertEquals(110, holding(OTHER_TRADER, CEA).available());
            assertNull(registry.reserveUnits(OTHER_TRADER, CEA, 110));
        }

        @Test
        void refusesAmountsThatDoNotAddUp()
        {
            assertRefused(INVALID_AMOUNT, () -> registry.settle(OTHER_TRADER, COMPLIANCE, CEA, 0, 1, 0, 0, 1));
            assertRefused(INVALID_AMOUNT, () -> registry.settle(OTHER_TRADER, COMPLIANCE, CEA, 1, 0, 0, 0, 1));
            assertRefused(INVALID_AMOUNT, () -> registry.settle(OTHER_TRADER, COMPLIANCE, CEA, 1, 10, -1, 0, 10));
            assertRefused(INVALID_AMOUNT, () -> registry.settle(OTHER_TRADER, COMPLIANCE, CEA, 1, 10, 0, -1, 10));
            assertRefused(INVALID_AMOUNT, () -> registry.settle(OTHER_TRADER, COMPLIANCE, CEA, 1, 10, 0, 11, 10));
            assertRefused(INVALID_AMOUNT, () -> registry.settle(OTHER_TRADER, COMPLIANCE, CEA, 1, 10, 2, 0, 11));
            assertRefused(INVALID_AMOUNT,
                () -> registry.settle(OTHER_TRADER, COMPLIANCE, CEA, 1, Long.MAX_VALUE, 1, 0, Long.MAX_VALUE));
        }

        @Test
        void refusesTheWrongParties()
        {
            assertRefused(UNKNOWN_INSTRUMENT, () -> registry.settle(OTHER_TRADER, COMPLIANCE, 0, 1, 10, 0, 0, 10));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.settle(UNKNOWN, COMPLIANCE, CEA, 1, 10, 0, 0, 10));
            assertRefused(UNKNOWN_ACCOUNT, () -> registry.settle(OTHER_TRADER, UNKNOWN, CEA, 1, 10, 0, 0, 10));
            assertRefused(ACCOUNT_NOT_PERMITTED,
                () -> registry.settle(COMPLIANCE, COMPLIANCE, CEA, 1, 10, 0, 0, 10));
            assertRefused(INVALID_ACCOUNT_TYPE, () -> registry.settle(FEE, COMPLIANCE, CEA, 1, 10, 0, 0, 10));
            assertRefused(INVALID_ACCOUNT_TYPE, () -> registry.settle(OTHER_TRADER, FEE, CEA, 1, 10, 0, 0, 10));
        }

        @Test
        void refusesWhatTheReservationsDoNotCover()
        {
            assertRefused(INSUFFICIENT_UNITS,
                () -> registry.settle(OTHER_TRADER, COMPLIANCE, CEA, 151, 151 * PRICE, 0, 0, 151 * PRICE));
            assertRefused(INSUFFICIENT_UNITS,
                () -> registry.settle(OTHER_TRADER, TRADER, CEA, 1, PRICE, 0, 0, PRICE));
            assertRefused(HOLDING_LIMIT_EXCEEDED,
                () -> registry.settle(OTHER_TRADER, COMPLIANCE, CEA, 121, 121 * PRICE, 0, 0, 121 * PRICE));
            assertRefused(HOLDING_LIMIT_EXCEEDED,
                () -> registry.settle(TRADER, COMPLIANCE, CEA, 1, PRICE, 0, 0, PRICE));
            assertRefused(INSUFFICIENT_CASH,
                () -> registry.settle(OTHER_TRADER, COMPLIANCE, CEA, 100, 100 * PRICE, 0, 0, 600_001));
        }
    }

    @Test
    void readsAnUnknownHoldingAsNull()
    {
        assertNull(registry.holding(TRADER, CEA));
        assertNull(registry.holding(UNKNOWN, CEA));
        assertThrows(IllegalArgumentException.class, () -> registry.issued(MAX_INSTRUMENT + 1));
    }

    @Test
    void rejectsAnEmptyInstrumentRange()
    {
        assertThrows(IllegalArgumentException.class, () -> new Registry(FEE, HoldingLimits.unlimited(), 0));
    }
}
