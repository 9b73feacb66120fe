package io.carbonx.gateway;

import io.carbonx.fix.FixApplication;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.MsgTypes;

import java.util.Set;

/**
 * Gives the market-data requests (x, V, g) to market data and every other message to order entry; both hear of every
 * logon and logout. A drop-copy session ({@link io.carbonx.fix.FixSessionSettings#dropCopy()}) is the drop copies'
 * alone, every callback of it: it is read-only, so nothing it sends reaches order entry or market data, and it is not
 * a market-data subscriber.
 */
public final class ApplicationRouter implements FixApplication
{
    private static final Set<String> MARKET_DATA_TYPES = Set.of("x", "V", "g");
    private static final int SECURITY_LIST_REQUEST = MsgTypes.key("x");
    private static final int MARKET_DATA_REQUEST = MsgTypes.key("V");
    private static final int TRADING_SESSION_STATUS_REQUEST = MsgTypes.key("g");

    private final FixApplication orders;
    private final FixApplication marketData;
    private final FixApplication dropCopies;

    /**
     * @param dropCopies the application of the drop-copy sessions, which refuses what they send.
     */
    public ApplicationRouter(
        final FixApplication orders, final FixApplication marketData, final FixApplication dropCopies)
    {
        this.orders = orders;
        this.marketData = marketData;
        this.dropCopies = dropCopies;
    }

    private static boolean isDropCopy(final FixSession session)
    {
        return session.settings().dropCopy();
    }

    @Override
    public void onLogon(final FixSession session)
    {
        if (isDropCopy(session))
        {
            dropCopies.onLogon(session);
            return;
        }
        orders.onLogon(session);
        marketData.onLogon(session);
    }

    @Override
    public void onMessage(final FixSession session, final FixMessage message)
    {
        if (isDropCopy(session))
        {
            dropCopies.onMessage(session, message);
            return;
        }
        final int type = message.msgTypeKey(); // no String per message
        final boolean forMarketData =
            type == SECURITY_LIST_REQUEST || type == MARKET_DATA_REQUEST || type == TRADING_SESSION_STATUS_REQUEST;
        (forMarketData ? marketData : orders).onMessage(session, message);
    }

    /**
     * Asked without a session; a drop-copy session has no account list, so every Account passes the session layer and
     * its message reaches the drop copies, which refuse it.
     */
    @Override
    public boolean checksAccount(final String msgType)
    {
        return (MARKET_DATA_TYPES.contains(msgType) ? marketData : orders).checksAccount(msgType);
    }

    @Override
    public void onBatchEnd(final FixSession session)
    {
        if (isDropCopy(session))
        {
            dropCopies.onBatchEnd(session);
            return;
        }
        orders.onBatchEnd(session);
        marketData.onBatchEnd(session);
    }

    /** Order entry is the one sender that asks to hear of its messages being stored, to members and drop copies. */
    @Override
    public void onOutboundStored(final FixSession session, final long tag)
    {
        (isDropCopy(session) ? dropCopies : orders).onOutboundStored(session, tag);
    }

    @Override
    public void onOutboundFailed(final FixSession session, final long tag, final Exception cause)
    {
        (isDropCopy(session) ? dropCopies : orders).onOutboundFailed(session, tag, cause);
    }

    @Override
    public void onLogout(final FixSession session)
    {
        if (isDropCopy(session))
        {
            dropCopies.onLogout(session);
            return;
        }
        orders.onLogout(session);
        marketData.onLogout(session);
    }
}
