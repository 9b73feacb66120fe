package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.RejectReason;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded stream of registry operations over many accounts: mostly plausible ones, which apply, mixed with ones the
 * registry must refuse. Settlements are fed straight to the registry with made-up fees, the way clearing would.
 */
final class RandomRegistryOperations
{
    static final long FEE_ACCOUNT = 1;

    private final Registry registry;
    private final SplittableRandom random;
    private final int accountCount;
    private final int instrumentCount;
    private long feesPaid;
    private long feesWithdrawn;
    private long applied;
    private long refused;

    RandomRegistryOperations(final Registry registry, final long seed, final int accountCount)
    {
        this.registry = registry;
        this.random = new SplittableRandom(seed);
        this.accountCount = accountCount;
        this.instrumentCount = registry.maxInstrumentId();
    }

    static Registry newRegistry(final HoldingLimits limits, final int instrumentCount)
    {
        return new Registry(FEE_ACCOUNT, limits, instrumentCount);
    }

    /**
     * Open the accounts, one in ten of them compliance accounts, and fund some.
     */
    void openAccounts()
    {
        final AccountType[] types = { AccountType.TRADING, AccountType.PROJECT_OWNER, AccountType.ISSUANCE };
        for (int i = 0; i < accountCount; i++)
        {
            final AccountType type = i % 10 == 0 ? AccountType.COMPLIANCE : types[random.nextInt(types.length)];
            assertNull(registry.openAccount(accountId(i), type));
            if (random.nextBoolean())
            {
                assertNull(registry.linkBroker(1 + random.nextInt(20), accountId(i)));
            }
        }
    }

    void run(final int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            step();
        }
    }

    void step()
    {
        final long account = randomAccount();
        final long other = randomAccount();
        final int instrument = 1 + random.nextInt(instrumentCount);
        final long quantity = randomQuantity();

        final RejectReason outcome;
        switch (random.nextInt(19))
        {
            case 0 -> outcome = registry.issue(account, instrument, quantity * 10);
            case 1 -> outcome = registry.depositCash(account, quantity * 1_000);
            case 2 ->
            {
                outcome = registry.withdrawCash(account, quantity * 100);
                feesWithdrawn += outcome == null && FEE_ACCOUNT == account ? quantity * 100 : 0;
            }
            case 3 -> outcome = registry.transfer(account, other, instrument, quantity);
            case 4 -> outcome = registry.pledge(account, instrument, quantity);
            case 5 -> outcome = registry.unpledge(account, instrument, quantity);
            case 6 -> outcome = registry.retire(account, instrument, quantity, "beneficiary " + account, "reason");
            case 7 -> outcome = registry.cancel(account, instrument, quantity);
            case 8 -> outcome = registry.reserveUnits(account, instrument, quantity);
            case 9 -> outcome = registry.releaseUnits(account, instrument, quantity);
            case 10 -> outcome = registry.reserveCash(account, quantity * 500);
            case 11 -> outcome = registry.releaseCash(account, quantity * 500);
            case 12 -> outcome = registry.reservePendingBuy(account, instrument, quantity);
            case 13 -> outcome = registry.releasePendingBuy(account, instrument, quantity);
            case 14 -> outcome = settle(account, other, instrument);
            case 15 -> outcome = registry.reserveForBuy(account, instrument, quantity, quantity * 100);
            case 16 -> outcome = registry.releaseForBuy(account, instrument, quantity, quantity * 100);
            case 17 -> outcome = registry.surrender(account, instrument, quantity);
            default ->
            {
                if (random.nextInt(20) == 0)
                {
                    registry.unlockAll();
                }
                outcome = null;
            }
        }

        if (outcome == null)
        {
            applied++;
        }
        else
        {
            refused++;
        }

        assertNonNegative(account);
        assertNonNegative(other);
    }

    /**
     * A settlement that the reservations cover when they can, so that most apply.
     */
    private RejectReason settle(final long buyerId, final long sellerId, final int instrument)
    {
        final Holding sold = registry.holding(sellerId, instrument);
        final Holding bought = registry.holding(buyerId, instrument);
        final Account buyer = registry.account(buyerId);
        final long deliverable = Math.min(
            sold == null ? 0 : sold.reserved(), bought == null ? 0 : bought.pendingBuy());
        final long quantity = deliverable > 0 ? 1 + random.nextLong(deliverable) : 1 + random.nextInt(5);
        final long price = 1 + random.nextInt(100);
        final long value = quantity * price;
        final long buyerFee = random.nextInt(3) * quantity;
        final long sellerFee = Math.min(value, random.nextInt(3) * quantity);
        final long affordable = buyer == null ? 0 : buyer.cashReserved() - value - buyerFee;
        final long released = value + buyerFee + (affordable > 0 ? random.nextLong(affordable + 1) : 0);

        final RejectReason outcome =
            registry.settle(buyerId, sellerId, instrument, quantity, value, buyerFee, sellerFee, released);
        if (outcome == null)
        {
            feesPaid += buyerFee + sellerFee;
        }

        return outcome;
    }

    private void assertNonNegative(final long accountId)
    {
        final Account account = registry.account(accountId);
        if (account == null)
        {
            return;
        }

        assertTrue(account.cashReserved() >= 0 && account.cashAvailable() >= 0, account::toString);
        for (int i = 0; i < account.holdingCount(); i++)
        {
            final Holding holding = account.holdingAt(i);
            assertTrue(holding.available() >= 0 && holding.reserved() >= 0 && holding.pledged() >= 0 &&
                holding.locked() >= 0 && holding.pendingBuy() >= 0, holding::toString);
        }
    }

    /**
     * Mostly existing accounts, the fee account now and then, and occasionally one that does not exist.
     */
    private long randomAccount()
    {
        final int pick = random.nextInt(100);
        if (pick == 0)
        {
            return FEE_ACCOUNT;
        }
        if (pick == 1)
        {
            return -1;
        }

        return accountId(random.nextInt(accountCount));
    }

    /**
     * Mostly small quantities, so that ranges split often; sometimes zero or negative, which must be refused.
     */
    private long randomQuantity()
    {
        final int pick = random.nextInt(50);
        if (pick == 0)
        {
            return -random.nextInt(3);
        }

        return pick < 40 ? 1 + random.nextInt(20) : 1 + random.nextInt(500);
    }

    static long accountId(final int index)
    {
        return 1_000 + index;
    }

    long feesPaid()
    {
        return feesPaid;
    }

    long feesWithdrawn()
    {
        return feesWithdrawn;
    }

    long applied()
    {
        return applied;
    }

    long refused()
    {
        return refused;
    }
}
