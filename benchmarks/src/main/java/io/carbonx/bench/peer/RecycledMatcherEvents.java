package io.carbonx.bench.peer;

import exchange.core2.core.common.MatcherTradeEvent;

import java.util.function.Supplier;

/**
 * Hands exchange-core's order book chains of spare trade events and takes them back once a command's events have
 * been read, as exchange-core's own pipeline does with its shared pool: without it the book allocates an event per
 * trade and the comparison would charge it for garbage its real deployment does not make.
 */
final class RecycledMatcherEvents implements Supplier<MatcherTradeEvent>
{
    private MatcherTradeEvent spare;

    /**
     * @return every spare event as one chain, or a single new event when there is none.
     */
    @Override
    public MatcherTradeEvent get()
    {
        if (spare == null)
        {
            return new MatcherTradeEvent();
        }
        final MatcherTradeEvent chain = spare;
        spare = null;
        return chain;
    }

    /**
     * Take back a chain of events that nobody reads any more.
     */
    void recycle(final MatcherTradeEvent chain)
    {
        if (chain != null)
        {
            chain.findTail().nextEvent = spare;
            spare = chain;
        }
    }
}
