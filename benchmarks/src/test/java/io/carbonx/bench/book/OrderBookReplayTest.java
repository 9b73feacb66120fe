package io.carbonx.bench.book;

import io.carbonx.bench.workload.GeneratedWorkload;
import io.carbonx.bench.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's loop, without JMH: round after round on one book, each replay must do exactly what generation saw.
 */
class OrderBookReplayTest
{
    @ParameterizedTest
    @EnumSource(Workload.class)
    void replaysEveryRoundWithoutRejectionsOrDivergence(final Workload workload)
    {
        final GeneratedWorkload generated = workload.generate(20_000, 11);
        final OrderBookReplay replay = new OrderBookReplay(generated);

        long tradedQuantity = 0;
        for (int round = 0; round < 3; round++)
        {
            replay.warmUp();
            final long before = tradedQuantity;
            tradedQuantity = replay.replayMeasured();
            assertTrue(tradedQuantity > before, "each round trades");
            replay.drain(); // throws when the round refused a command or diverged from generation
        }
        assertEquals(0, replay.selfTradesPrevented());
        assertEquals(generated.stream().size(), replay.commandsPerRound());
    }

    @Test
    void drainRefusesARoundThatDivergedFromGeneration()
    {
        final OrderBookReplay replay = new OrderBookReplay(Workload.MIX.generate(5_000, 11));
        replay.warmUp();
        replay.replayMeasured();
        replay.replayMeasured(); // the same ids again: refused as duplicates, and the book goes its own way

        assertThrows(IllegalStateException.class, replay::drain);
    }
}
