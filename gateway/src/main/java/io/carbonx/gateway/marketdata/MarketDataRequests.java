package io.carbonx.gateway.marketdata;

import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixApplication;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixTags;
import org.agrona.collections.IntArrayList;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers the market-data requests of FIX sessions: SecurityListRequest (x), MarketDataRequest (V) and
 * TradingSessionStatusRequest (g). The session layer has already checked them against the FIX 4.4 dictionary; what
 * is refused here is what is valid FIX but not offered, each with its precise reason.
 */
public final class MarketDataRequests implements FixApplication
{
    private static final char SNAPSHOT = '0';
    private static final char SNAPSHOT_PLUS_UPDATES = '1';
    private static final char UNSUBSCRIBE = '2';

    private final MarketDataHub hub;
    private final AtomicLong responseIds = new AtomicLong();

    public MarketDataRequests(final MarketDataHub hub)
    {
        this.hub = hub;
    }

    @Override
    public void onLogon(final FixSession session)
    {
        hub.loggedOn(session);
    }

    @Override
    public void onLogout(final FixSession session)
    {
        hub.loggedOut(session);
    }

    @Override
    public void onMessage(final FixSession session, final FixMessage message)
    {
        switch (message.msgType())
        {
            case "V" -> onMarketDataRequest(session, message);
            case "x" -> onSecurityListRequest(session, message);
            case "g" -> onTradingSessionStatusRequest(session, message);
            default -> throw new IllegalArgumentException("not a market-data request: " + message.msgType());
        }
    }

    // ------------------------------------------------------------------------------------------------ V

    private void onMarketDataRequest(final FixSession session, final FixMessage message)
    {
        final String mdReqId = message.getString(FixTags.MD_REQ_ID);
        final char type = message.getChar(FixTags.SUBSCRIPTION_REQUEST_TYPE, '?');
        if (type == UNSUBSCRIBE)
        {
            if (!hub.unsubscribe(session, mdReqId))
            {
                session.send(MarketDataMessages.reject(mdReqId, MarketDataMessages.NO_REASON,
                    "no subscription with MDReqID " + mdReqId + " to end"));
            }
            return;
        }
        final RequestProblem problem = check(session, message, type);
        if (problem != null)
        {
            session.send(MarketDataMessages.reject(mdReqId, problem.reason, problem.text));
            return;
        }
        final int entryTypes = entryTypes(message);
        final int[] instrumentIds = instrumentIds(message);
        if (type == SNAPSHOT)
        {
            hub.sendSnapshots(session, mdReqId, instrumentIds, (int)message.getLong(FixTags.MARKET_DEPTH, 0),
                entryTypes);
        }
        else if (!hub.subscribe(session, mdReqId, instrumentIds, entryTypes))
        {
            session.send(MarketDataMessages.reject(mdReqId, '1', "MDReqID " + mdReqId + " is already subscribed"));
        }
    }

    private record RequestProblem(char reason, String text)
    {
    }

    private RequestProblem check(final FixSession session, final FixMessage message, final char type)
    {
        final String mdReqId = message.getString(FixTags.MD_REQ_ID);
        if (type != SNAPSHOT && type != SNAPSHOT_PLUS_UPDATES)
        {
            return new RequestProblem('4', "SubscriptionRequestType " + type + " is not supported");
        }
        if (type == SNAPSHOT_PLUS_UPDATES && hub.isSubscribed(session, mdReqId))
        {
            return new RequestProblem('1', "MDReqID " + mdReqId + " is already subscribed");
        }
        final long depth = message.getLong(FixTags.MARKET_DEPTH, -1);
        if (depth < 0)
        {
            return new RequestProblem('5', "MarketDepth must be 0 (full book) or a number of levels");
        }
        if (type == SNAPSHOT_PLUS_UPDATES && depth != 0)
        {
            return new RequestProblem('5', "updates are sent for the full book: MarketDepth must be 0");
        }
        if (type == SNAPSHOT_PLUS_UPDATES && message.getLong(FixTags.MD_UPDATE_TYPE, 1) != 1)
        {
            return new RequestProblem('6', "updates are sent as incremental refreshes: MDUpdateType must be 1");
        }
        if (message.getChar(FixTags.AGGREGATED_BOOK, 'Y') != 'Y')
        {
            return new RequestProblem('7', "books are aggregated by price level: AggregatedBook must be Y");
        }
        if (message.has(FixTags.OPEN_CLOSE_SETTL_FLAG))
        {
            return new RequestProblem('B', "OpenCloseSettlFlag is not supported");
        }
        final String scope = message.getString(FixTags.SCOPE);
        if (scope != null && !scope.equals("1"))
        {
            return new RequestProblem('A', "Scope must be 1 (local market): the exchange publishes its own books");
        }
        if (message.getChar(FixTags.MD_IMPLICIT_DELETE, 'N') != 'N')
        {
            return new RequestProblem('C', "deletes are explicit: MDImplicitDelete must be N");
        }
        if (message.has(FixTags.TRADING_SESSION_ID))
        {
            return new RequestProblem('9', "TradingSessionID is not supported: each symbol is its own session");
        }
        for (int i = 0; i < message.fieldCount(); i++)
        {
            if (message.tagAt(i) == FixTags.MD_ENTRY_TYPE)
            {
                final String entryType = message.stringAt(i);
                if (entryType.length() != 1 || MdEntryTypes.bit(entryType.charAt(0)) == 0)
                {
                    return new RequestProblem('8', "MDEntryType " + entryType + " is not offered; offered are " +
                        String.join(" ", MdEntryTypes.OFFERED.split("")));
                }
            }
        }
        for (int i = 0; i < message.fieldCount(); i++)
        {
            if (message.tagAt(i) == FixTags.SYMBOL && hub.instrumentId(message.stringAt(i)) == 0)
            {
                return new RequestProblem('0', "unknown symbol " + message.stringAt(i));
            }
        }
        return null;
    }

    private static int entryTypes(final FixMessage message)
    {
        int mask = 0;
        for (int i = 0; i < message.fieldCount(); i++)
        {
            if (message.tagAt(i) == FixTags.MD_ENTRY_TYPE)
            {
                mask |= MdEntryTypes.bit(message.stringAt(i).charAt(0));
            }
        }
        return mask;
    }

    private int[] instrumentIds(final FixMessage message)
    {
        final IntArrayList ids = new IntArrayList();
        for (int i = 0; i < message.fieldCount(); i++)
        {
            if (message.tagAt(i) == FixTags.SYMBOL)
            {
                final int id = hub.instrumentId(message.stringAt(i));
                if (!ids.containsInt(id))
                {
                    ids.addInt(id);
                }
            }
        }
        return ids.toIntArray();
    }

    // ------------------------------------------------------------------------------------------------ x

    private void onSecurityListRequest(final FixSession session, final FixMessage message)
    {
        final String reqId = message.getString(FixTags.SECURITY_REQ_ID);
        final String responseId = "SL-" + responseIds.incrementAndGet();
        final long requestType = message.getLong(FixTags.SECURITY_LIST_REQUEST_TYPE, -1);
        final char subscription = message.getChar(FixTags.SUBSCRIPTION_REQUEST_TYPE, SNAPSHOT);
        final String symbol = message.getString(FixTags.SYMBOL);
        final ApplicationMessage answer;
        if (subscription != SNAPSHOT)
        {
            // only snapshots of the list are offered: phase changes come as TradingSessionStatus (h)
            answer = MarketDataMessages.securityListRefused(reqId, responseId, 1);
        }
        else if (requestType == 0)
        {
            answer = symbol == null ? MarketDataMessages.securityListRefused(reqId, responseId, 1) :
                hub.securityList(reqId, responseId, symbol);
        }
        else if (requestType == 4)
        {
            answer = hub.securityList(reqId, responseId, null);
        }
        else
        {
            // by security type, product or trading session: every instrument is the same kind of product here
            answer = MarketDataMessages.securityListRefused(reqId, responseId, 1);
        }
        session.send(answer);
    }

    // ------------------------------------------------------------------------------------------------ g

    private void onTradingSessionStatusRequest(final FixSession session, final FixMessage message)
    {
        final String reqId = message.getString(FixTags.TRAD_SES_REQ_ID);
        final String sessionId = message.getString(FixTags.TRADING_SESSION_ID);
        if (message.getChar(FixTags.SUBSCRIPTION_REQUEST_TYPE, SNAPSHOT) == UNSUBSCRIBE)
        {
            session.send(MarketDataMessages.sessionStatusRefused(reqId, sessionId == null ? "ALL" : sessionId, 0,
                "phase changes are sent to every logged-on session and cannot be turned off"));
            return;
        }
        final List<ApplicationMessage> statuses = hub.sessionStatus(reqId, sessionId);
        if (statuses.isEmpty())
        {
            session.send(MarketDataMessages.sessionStatusRefused(reqId, sessionId == null ? "ALL" : sessionId, 1,
                sessionId == null ? "no instruments are listed" : "unknown TradingSessionID " + sessionId +
                    ": each instrument's symbol is its trading session"));
            return;
        }
        statuses.forEach(session::send);
    }
}
