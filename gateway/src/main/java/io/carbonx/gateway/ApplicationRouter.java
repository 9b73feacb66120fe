package io.carbonx.gateway;

import io.carbonx.fix.FixApplication;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.MsgTypes;

import java.util.Set;

/**
 * Gives the market-data requests (x, V, g) to market data and every other message to order entry; both hear of every
 * logon and logout.
 */
public final class ApplicationRouter implements FixApplication
{
    private static final Set<String> MARKET_DATA_TYPES = Set.of("x", "V", "g");
    private static final int SECURITY_LIST_REQUEST = MsgTypes.key("x");
    private static final int MARKET_DATA_REQUEST = MsgTypes.key("V");
    private static final int TRADING_SESSION_STATUS_REQUEST = MsgTypes.key("g");

    private final FixApplication orders;
    private final FixApplication marketData;

    public ApplicationRouter(final FixApplication orders, final FixApplication marketData)
    {
        this.orders = orders;
        this.marketData = marketData;
    }

    @Override
    public void onLogon(final FixSession session)
    {
        orders.onLogon(session);
        marketData.onLogon(session);
    }

    @Override
    public void onMessage(final FixSession session, final FixMessage message)
    {
        final int type = message.msgTypeKey(); // no String per message
        final boolean forMarketData =
            type == SECURITY_LIST_REQUEST || type == MARKET_DATA_REQUEST || type == TRADING_SESSION_STATUS_REQUEST;
        (forMarketData ? marketData : orders).onMessage(session, message);
    }

    @Override
    public boolean checksAccount(final String msgType)
    {
        return (MARKET_DATA_TYPES.contains(msgType) ? marketData : orders).checksAccount(msgType);
    }

    @Override
    public void onBatchEnd(final FixSession session)
    {
        orders.onBatchEnd(session);
        marketData.onBatchEnd(session);
    }

    /** Order entry is the one sender that asks to hear of its messages being stored. */
    @Override
    public void onOutboundStored(final FixSession session, final long tag)
    {
        orders.onOutboundStored(session, tag);
    }

    @Override
    public void onOutboundFailed(final FixSession session, final long tag, final Exception cause)
    {
        orders.onOutboundFailed(session, tag, cause);
    }

    @Override
    public void onLogout(final FixSession session)
    {
        orders.onLogout(session);
        marketData.onLogout(session);
    }
}
