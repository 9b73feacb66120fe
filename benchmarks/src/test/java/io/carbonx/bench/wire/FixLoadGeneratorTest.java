package io.carbonx.bench.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator briefly, at a low rate, against the real server: the session layer accepts every message, every
 * message is answered, and the engine traded what the flow says. No timing is asserted.
 */
class FixLoadGeneratorTest
{
    private static final int RATE = 2_000;
    private static final double WARMUP_SECONDS = 0.5;
    private static final double MEASURED_SECONDS = 1.5;
    private static final int INSTRUMENT_ID = 1;

    @Test
    void everyMessageIsAnsweredWithoutARefusal() throws Exception
    {
        final OrderFlow flow = OrderFlow.generate(7, 1_000, WireBenchServer.REFERENCE_PRICE);
        try (WireBenchServer server = WireBenchServer.start())
        {
            final long unitsBefore = server.server().machine().registry()
                .holding(WireBenchServer.SELL_ACCOUNT, INSTRUMENT_ID).total();
            final WireRun run = server.generator(flow).run(RATE, WARMUP_SECONDS, MEASURED_SECONDS, 10);

            assertNull(run.firstRefusal(), "no Reject, BusinessMessageReject, OrderCancelReject or rejected order");
            assertEquals(0, run.refusals());
            assertEquals(0, run.missing(), "every message answered");
            assertEquals((long)(RATE * MEASURED_SECONDS), run.measured());
            assertTrue(run.achieved() > 0 && run.p50Micros() > 0 && run.maxMicros() >= run.p99Micros(), run.fields());

            final long messages = (long)(RATE * (WARMUP_SECONDS + MEASURED_SECONDS));
            assertEquals(unitsBefore - soldInPairs(flow, messages), server.server().machine().registry()
                .holding(WireBenchServer.SELL_ACCOUNT, INSTRUMENT_ID).total(),
                "every pair traded in full, nothing else");
        }
    }

    /**
     * In each pair one order sells and the other buys the same quantity at the same price, so the seller delivers the
     * pair's quantity once.
     */
    private static long soldInPairs(final OrderFlow flow, final long messages)
    {
        long sold = 0;
        for (long message = 0; message < messages; message++)
        {
            final long slot = message % OrderFlow.BLOCK;
            if (slot == 1 || slot == 3)
            {
                sold += flow.quantity(message);
            }
        }
        return sold;
    }
}
