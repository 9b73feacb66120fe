package io.carbonx.bench.peer;

import io.carbonx.bench.workload.Workload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The peer sees the same market: exchange-core's book, fed the same stream, trades exactly as often as the CarbonX
 * book did during generation and ends every round empty, so the comparison is like for like.
 */
class ExchangeCoreReplayTest
{
    @ParameterizedTest
    @EnumSource(Workload.class)
    void peerReplaysEveryRoundAsGenerationSaw(final Workload workload)
    {
        final ExchangeCoreReplay replay = new ExchangeCoreReplay(workload.generate(20_000, 11));

        long trades = 0;
        for (int round = 0; round < 3; round++)
        {
            replay.warmUp();
            final long before = trades;
            trades = replay.replayMeasured();
            assertTrue(trades > before, "each round trades");
            replay.drain(); // throws when the peer refused a command or traded differently
        }
    }
}
