package io.carbonx.gateway.marketdata;

import io.carbonx.engine.book.BookView;
import io.carbonx.engine.book.PriceLevel;
import io.carbonx.protocol.sbe.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A subscriber's copy of one instrument's book, kept only from MarketDataSnapshotFullRefresh (W) and
 * MarketDataIncrementalRefresh (X) as they arrive on the wire. An update that does not fit the copy (a NEW for a level
 * it has, a CHANGE or DELETE for one it lacks) fails, so the actions are checked as well as the end result.
 */
public final class ReconstructedBook
{
    private final String symbol;
    private final TreeMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<Long, Long> asks = new TreeMap<>();
    private int updates;

    public ReconstructedBook(final String symbol)
    {
        this.symbol = symbol;
    }

    /**
     * Apply a W or X for this book's symbol, given as raw FIX with SOH or '|' between fields.
     */
    public void apply(final String fix)
    {
        final List<int[]> tags = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        for (final String field : fix.split("[\u0001|]"))
        {
            final int equals = field.indexOf('=');
            if (equals > 0)
            {
                tags.add(new int[] {Integer.parseInt(field.substring(0, equals))});
                values.add(field.substring(equals + 1));
            }
        }
        final String msgType = valueOf(tags, values, 35);
        if ("W".equals(msgType))
        {
            if (!symbol.equals(valueOf(tags, values, 55)))
            {
                return;
            }
            bids.clear();
            asks.clear();
            for (final Map<Integer, String> entry : entries(tags, values, 269))
            {
                final char type = entry.get(269).charAt(0);
                if (type == '0' || type == '1')
                {
                    side(type).put(price(entry.get(270)), Long.parseLong(entry.get(271)));
                }
            }
        }
        else if ("X".equals(msgType))
        {
            for (final Map<Integer, String> entry : entries(tags, values, 279))
            {
                final char type = entry.get(269).charAt(0);
                if (!symbol.equals(entry.get(55)) || (type != '0' && type != '1'))
                {
                    continue;
                }
                final TreeMap<Long, Long> side = side(type);
                final long price = price(entry.get(270));
                switch (entry.get(279).charAt(0))
                {
                    case '0' ->
                        require(side.put(price, Long.parseLong(entry.get(271))) == null, "NEW for a level held", fix);
                    case '1' ->
                        require(side.put(price, Long.parseLong(entry.get(271))) != null, "CHANGE of a level not held",
                            fix);
                    case '2' -> require(side.remove(price) != null, "DELETE of a level not held", fix);
                    default -> throw new AssertionError("unknown MDUpdateAction in " + fix);
                }
            }
            updates++;
        }
    }

    public Map<Long, Long> bids()
    {
        return new TreeMap<>(bids);
    }

    public Map<Long, Long> asks()
    {
        return new TreeMap<>(asks);
    }

    /**
     * @return true when the best bid reaches the best offer, which a resting book never does.
     */
    public boolean isCrossed()
    {
        return !bids.isEmpty() && !asks.isEmpty() && bids.firstKey() >= asks.firstKey();
    }

    /**
     * @return how many incremental refreshes were applied.
     */
    public int updates()
    {
        return updates;
    }

    /**
     * The engine's book of one side aggregated by level, as {@link #bids()} or {@link #asks()} show it.
     */
    public static Map<Long, Long> levels(final BookView book, final Side side)
    {
        final TreeMap<Long, Long> levels = new TreeMap<>();
        for (int depth = 0; depth < book.levelCount(side); depth++)
        {
            final PriceLevel level = book.level(side, depth);
            levels.put(level.price(), level.totalLeaves());
        }
        return levels;
    }

    private TreeMap<Long, Long> side(final char type)
    {
        return type == '0' ? bids : asks;
    }

    private static long price(final String value)
    {
        return new BigDecimal(value).movePointRight(2).longValueExact();
    }

    private static String valueOf(final List<int[]> tags, final List<String> values, final int tag)
    {
        for (int i = 0; i < tags.size(); i++)
        {
            if (tags.get(i)[0] == tag)
            {
                return values.get(i);
            }
        }
        return null;
    }

    /**
     * The repeating-group entries that each begin with the delimiter tag, up to the trailer.
     */
    private static List<Map<Integer,
        String>> entries(final List<int[]> tags, final List<String> values, final int delimiter)
    {
        final List<Map<Integer, String>> entries = new ArrayList<>();
        Map<Integer, String> entry = null;
        for (int i = 0; i < tags.size(); i++)
        {
            final int tag = tags.get(i)[0];
            if (tag == 10)
            {
                break;
            }
            if (tag == delimiter)
            {
                entry = new java.util.HashMap<>();
                entries.add(entry);
            }
            if (entry != null)
            {
                entry.put(tag, values.get(i));
            }
        }
        return entries;
    }

    private static void require(final boolean condition, final String problem, final String fix)
    {
        if (!condition)
        {
            throw new AssertionError(problem + ": " + fix);
        }
    }
}
