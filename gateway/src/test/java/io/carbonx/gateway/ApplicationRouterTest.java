package io.carbonx.gateway;

import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixApplication;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.FixSessionId;
import io.carbonx.fix.FixSessionSettings;
import io.carbonx.fix.codec.FixMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The router by MsgType: market-data requests to market data, everything else to order entry; the end of a read to
 * both, the store confirmations of offered messages to order entry only (the one sender that offers with a tag). A
 * drop-copy session's every callback goes to the drop copies only.
 */
class ApplicationRouterTest
{
    private final List<String> orders = new ArrayList<>();
    private final List<String> marketData = new ArrayList<>();
    private final List<String> dropCopies = new ArrayList<>();
    private final ApplicationRouter router =
        new ApplicationRouter(recorder(orders), recorder(marketData), recorder(dropCopies));
    private final FixSession session = new Session(false);

    @Test
    void marketDataRequestsGoToMarketDataAndTheRestToOrderEntry()
    {
        for (final String type : List.of("D", "x", "F", "V", "g", "H"))
        {
            router.onMessage(session, message(type));
        }

        assertEquals(List.of("D", "F", "H"), orders);
        assertEquals(List.of("x", "V", "g"), marketData);
    }

    @Test
    void theEndOfAReadGoesToBothAndStoreConfirmationsToOrderEntry()
    {
        router.onBatchEnd(session);
        router.onOutboundStored(session, 42);
        router.onOutboundFailed(session, 43, new IllegalStateException("disk full"));

        assertEquals(List.of("batch end", "stored 42", "failed 43"), orders);
        assertEquals(List.of("batch end"), marketData);
    }

    @Test
    void everythingOfADropCopySessionGoesToTheDropCopiesOnly()
    {
        final FixSession dropCopy = new Session(true);
        router.onLogon(dropCopy);
        for (final String type : List.of("D", "V", "x", "g", "s"))
        {
            router.onMessage(dropCopy, message(type));
        }
        router.onBatchEnd(dropCopy);
        router.onOutboundStored(dropCopy, 7);
        router.onOutboundFailed(dropCopy, 8, new IllegalStateException("disk full"));
        router.onLogout(dropCopy);

        assertEquals(List.of(), orders);
        assertEquals(List.of(), marketData);
        assertEquals(List.of("logon", "D", "V", "x", "g", "s", "batch end", "stored 7", "failed 8", "logout"),
            dropCopies);
    }

    private static FixMessage message(final String type)
    {
        final byte[] frame = ("8=FIX.4.4\u00019=5\u000135=" + type + "\u000110=000\u0001")
            .getBytes(StandardCharsets.US_ASCII);
        final FixMessage message = new FixMessage();
        message.wrap(frame, 0, frame.length, tag -> false);
        return message;
    }

    private static FixApplication recorder(final List<String> heard)
    {
        return new FixApplication()
        {
            @Override
            public void onLogon(final FixSession session)
            {
                heard.add("logon");
            }

            @Override
            public void onLogout(final FixSession session)
            {
                heard.add("logout");
            }

            @Override
            public void onMessage(final FixSession session, final FixMessage message)
            {
                heard.add(message.msgType());
            }

            @Override
            public void onBatchEnd(final FixSession session)
            {
                heard.add("batch end");
            }

            @Override
            public void onOutboundStored(final FixSession session, final long tag)
            {
                heard.add("stored " + tag);
            }

            @Override
            public void onOutboundFailed(final FixSession session, final long tag, final Exception cause)
            {
                heard.add("failed " + tag);
            }
        };
    }

    private static final class Session implements FixSession
    {
        private final FixSessionSettings settings;

        Session(final boolean dropCopy)
        {
            settings = FixSessionSettings.builder("CARBONX", dropCopy ? "MEE-DC" : "FOREST").dropCopy(dropCopy).build();
        }

        @Override
        public FixSessionId id()
        {
            return settings.id();
        }

        @Override
        public FixSessionSettings settings()
        {
            return settings;
        }

        @Override
        public boolean isLoggedOn()
        {
            return true;
        }

        @Override
        public void send(final ApplicationMessage message)
        {
            throw new AssertionError("the router sends nothing");
        }
    }
}
