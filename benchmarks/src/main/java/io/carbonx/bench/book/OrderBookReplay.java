package io.carbonx.bench.book;

import io.carbonx.bench.workload.BenchmarkInstrument;
import io.carbonx.bench.workload.CommandStream;
import io.carbonx.bench.workload.GeneratedWorkload;
import io.carbonx.bench.workload.OrderBookDriver;
import io.carbonx.bench.workload.WorkloadProfile;
import io.carbonx.engine.book.OrderBook;

/**
 * Replays a generated workload on one CarbonX {@link OrderBook}, round after round: {@link #warmUp()}, then
 * {@link #replayMeasured()} (the only part a benchmark times), then {@link #drain()}, which empties the book again.
 * <p>
 * One book serves every round instead of a fresh one each time: building a book allocates its pools, and JMH's GC
 * profiler counts everything allocated during an iteration, setup included, so a fresh book per iteration would
 * drown the per-command figure. Each round shifts the order ids past those of earlier rounds, which makes the emptied
 * book behave exactly like a fresh one; {@link #drain()} checks that the round did what the generator saw.
 */
public final class OrderBookReplay
{
    private final CommandStream stream;
    private final WorkloadProfile profile;
    private final CountingListener listener = new CountingListener();
    private final OrderBookDriver driver;
    private long rounds;
    private long tradesBeforeMeasured;
    private long tradesAfterMeasured;

    public OrderBookReplay(final GeneratedWorkload workload)
    {
        this.stream = workload.stream();
        this.profile = workload.profile();
        this.driver = new OrderBookDriver(BenchmarkInstrument.newBook(workload.orderCapacity(), listener));
    }

    /**
     * Start a round: bring the empty book into the workload's steady state.
     */
    public void warmUp()
    {
        driver.idOffset(rounds++ * stream.orderIdSpan());
        driver.resetRejections();
        driver.replay(stream, 0, stream.measuredStart());
        tradesBeforeMeasured = listener.trades();
    }

    /**
     * @return the quantity traded so far, for the benchmark to hand to JMH.
     */
    public long replayMeasured()
    {
        driver.replay(stream, stream.measuredStart(), stream.measuredEnd());
        return listener.tradedQuantity();
    }

    /**
     * End a round: cancel what still rests, then check that nothing was refused, the book is empty and the measured
     * section traded exactly as often as during generation.
     *
     * @throws IllegalStateException if the replay diverged from the generator's reference run.
     */
    public void drain()
    {
        tradesAfterMeasured = listener.trades();
        driver.replay(stream, stream.measuredEnd(), stream.size());
        final long measuredTrades = tradesAfterMeasured - tradesBeforeMeasured;
        if (driver.rejections() != 0 || driver.book().orderCount() != 0 || measuredTrades != profile.trades())
        {
            throw new IllegalStateException(String.format(
                "%s round %d diverged from generation: %d rejections (last %s), %d orders left, %d trades measured " +
                "where generation saw %d",
                stream.name(), rounds, driver.rejections(), driver.lastRejection(), driver.book().orderCount(),
                measuredTrades, profile.trades()));
        }
    }

    /**
     * @return the commands one round processes in all: warm-up, measured and drain.
     */
    public int commandsPerRound()
    {
        return stream.size();
    }

    public int measuredCommands()
    {
        return stream.measuredCount();
    }

    public long selfTradesPrevented()
    {
        return listener.selfTradesPrevented();
    }
}
