package io.carbonx.bench.wire;

import io.carbonx.registry.RegistryView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator briefly, at a low rate, against the real server over real sockets, with one session and with
 * eight: the session layer accepts every message of every session, every message is answered, and the engine traded
 * what the flow says for each session's accounts. No timing is asserted.
 */
class FixLoadGeneratorTest
{
    private static final double WARMUP_SECONDS = 0.5;
    private static final double MEASURED_SECONDS = 1.5;
    private static final int INSTRUMENT_ID = 1;

    @Test
    void everyMessageIsAnsweredWithoutARefusal() throws Exception
    {
        assertEveryMessageAnsweredAndTraded(1, 2_000);
    }

    /**
     * 960 messages a second over 8 sessions for 2 s: 240 messages, 40 whole blocks, per session, so every pair of
     * every session is complete and trades in full whichever session's order it meets.
     */
    @Test
    void eightSessionsShareTheRateAndEveryMessageOfEachIsAnswered() throws Exception
    {
        assertEveryMessageAnsweredAndTraded(8, 960);
    }

    private static void assertEveryMessageAnsweredAndTraded(final int sessionCount, final int rate) throws Exception
    {
        final OrderFlow flow = OrderFlow.generate(7, 1_000, WireBenchServer.REFERENCE_PRICE);
        try (WireBenchServer server = WireBenchServer.start(sessionCount, null))
        {
            final List<WireSession> sessions = server.sessions();
            assertEquals(sessionCount, sessions.size());
            final List<Long> unitsBefore = new ArrayList<>();
            for (final WireSession session : sessions)
            {
                unitsBefore.add(units(server, session.sellAccount()));
            }

            final WireRun run = server.generator(flow).run(rate, WARMUP_SECONDS, MEASURED_SECONDS, 10);

            assertNull(run.firstRefusal(), "no Reject, BusinessMessageReject, OrderCancelReject or rejected order");
            assertEquals(0, run.refusals());
            assertEquals(0, run.missing(), "every message answered");
            assertEquals(sessionCount, run.sessions());
            assertEquals((long)(rate * MEASURED_SECONDS), run.measured());
            assertTrue(run.achieved() > 0 && run.p50Micros() > 0 && run.maxMicros() >= run.p99Micros(), run.fields());

            final long messages = (long)(rate * (WARMUP_SECONDS + MEASURED_SECONDS));
            for (int i = 0; i < sessionCount; i++)
            {
                final long sent = messages / sessionCount + (i < messages % sessionCount ? 1 : 0);
                assertEquals(unitsBefore.get(i) - soldInPairs(flow, sent), units(server, sessions.get(i).sellAccount()),
                    sessions.get(i).senderCompId() + ": every pair traded in full, nothing else");
            }
        }
    }

    private static long units(final WireBenchServer server, final long account)
    {
        final RegistryView registry = server.server().machine().registry();
        return registry.holding(account, INSTRUMENT_ID).total();
    }

    /**
     * In each pair one order sells and the other buys the same quantity at the same price, so the seller delivers the
     * pair's quantity once; the passive orders never trade and are cancelled or rest.
     *
     * @param sent the messages one session sent: places 0 to sent - 1 of the flow.
     */
    private static long soldInPairs(final OrderFlow flow, final long sent)
    {
        long sold = 0;
        for (long place = 0; place < sent; place++)
        {
            final long slot = place % OrderFlow.BLOCK;
            if (slot == 1 || slot == 3)
            {
                sold += flow.quantity(place);
            }
        }
        return sold;
    }
}
