package io.carbonx.gateway.marketdata;

import org.agrona.collections.LongArrayList;

/**
 * The entries of one incremental refresh of one instrument, gathered once and then written for each subscription that
 * asked for their types. Reused from refresh to refresh.
 */
final class MdEntries
{
    static final long NONE = Long.MIN_VALUE;

    private final StringBuilder types = new StringBuilder();
    private final StringBuilder actions = new StringBuilder();
    private final LongArrayList prices = new LongArrayList();
    private final LongArrayList sizes = new LongArrayList();

    void clear()
    {
        types.setLength(0);
        actions.setLength(0);
        prices.clear();
        sizes.clear();
    }

    /**
     * @param price {@link #NONE} when the entry carries no MDEntryPx.
     * @param size  {@link #NONE} when the entry carries no MDEntrySize.
     */
    void add(final char type, final char action, final long price, final long size)
    {
        types.append(type);
        actions.append(action);
        prices.addLong(price);
        sizes.addLong(size);
    }

    int size()
    {
        return types.length();
    }

    char type(final int index)
    {
        return types.charAt(index);
    }

    char action(final int index)
    {
        return actions.charAt(index);
    }

    long price(final int index)
    {
        return prices.getLong(index);
    }

    long size(final int index)
    {
        return sizes.getLong(index);
    }

    /**
     * @return how many entries a subscription with this entry-type mask receives.
     */
    int countFor(final int mask)
    {
        int count = 0;
        for (int i = 0; i < types.length(); i++)
        {
            count += MdEntryTypes.includes(mask, types.charAt(i)) ? 1 : 0;
        }
        return count;
    }
}
