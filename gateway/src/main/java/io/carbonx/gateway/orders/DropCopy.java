package io.carbonx.gateway.orders;

import io.carbonx.fix.FixSessionId;
import org.agrona.collections.LongHashSet;

import java.util.Collection;
import java.util.List;

/**
 * A read-only drop-copy session and the accounts it covers: it is sent a copy of every ExecutionReport the exchange
 * sends any member about one of them. A regulator's covers every account; a broker's, the accounts it acts for.
 * Immutable once built (its account set is never written after the constructor), so any thread may read it.
 */
public final class DropCopy
{
    private final FixSessionId id;
    private final boolean allAccounts;
    private final LongHashSet accounts = new LongHashSet();

    private DropCopy(final FixSessionId id, final boolean allAccounts, final Collection<Long> accounts)
    {
        this.id = id;
        this.allAccounts = allAccounts;
        this.accounts.addAll(accounts);
    }

    /**
     * @return a drop copy of every account's reports.
     */
    public static DropCopy ofAllAccounts(final FixSessionId id)
    {
        return new DropCopy(id, true, List.of());
    }

    /**
     * @return a drop copy of the reports of these accounts only.
     */
    public static DropCopy ofAccounts(final FixSessionId id, final Collection<Long> accounts)
    {
        return new DropCopy(id, false, accounts);
    }

    public FixSessionId id()
    {
        return id;
    }

    /**
     * @return whether reports about this account are copied to the session; allocates nothing.
     */
    public boolean covers(final long accountId)
    {
        return allAccounts || accounts.contains(accountId);
    }

    @Override
    public String toString()
    {
        return id + (allAccounts ? " (all accounts)" : " (accounts " + accounts + ")");
    }
}
