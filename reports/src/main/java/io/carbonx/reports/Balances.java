package io.carbonx.reports;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every account's balances at one moment (a day's close, or the end of the journal), read from the replaying state
 * machine's registry.
 *
 * @param accounts    by account id, in id order.
 * @param outstanding units in existence per instrument id.
 */
public record Balances(SortedMap<Long, AccountBalance> accounts, SortedMap<Integer, Long> outstanding)
{
    /**
     * @param type  the account type's name.
     * @param cash  total cash in 0.01 units.
     * @param units total units per instrument id.
     */
    public record AccountBalance(long accountId, String type, long cash, SortedMap<Integer, Long> units)
    {
        public long units(final int instrumentId)
        {
            return units.getOrDefault(instrumentId, 0L);
        }
    }

    public AccountBalance account(final long accountId)
    {
        return accounts.get(accountId);
    }

    public static Balances empty()
    {
        return new Balances(new TreeMap<>(), new TreeMap<>());
    }
}
