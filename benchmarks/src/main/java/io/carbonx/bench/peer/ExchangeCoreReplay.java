package io.carbonx.bench.peer;

import io.carbonx.bench.workload.CommandStream;
import io.carbonx.bench.workload.GeneratedWorkload;
import io.carbonx.bench.workload.WorkloadProfile;

/**
 * The peer's counterpart of {@code OrderBookReplay}: the same rounds of warm-up, measured section and drain on one
 * exchange-core direct order book, with the same checks that each round did what generation saw.
 */
public final class ExchangeCoreReplay
{
    private final CommandStream stream;
    private final WorkloadProfile profile;
    private final ExchangeCoreBookDriver driver = new ExchangeCoreBookDriver();
    private long rounds;
    private long tradesBeforeMeasured;
    private long tradesAfterMeasured;

    public ExchangeCoreReplay(final GeneratedWorkload workload)
    {
        this.stream = workload.stream();
        this.profile = workload.profile();
    }

    public void warmUp()
    {
        driver.idOffset(rounds++ * stream.orderIdSpan());
        driver.resetRejections();
        driver.replay(stream, 0, stream.measuredStart());
        tradesBeforeMeasured = driver.trades();
    }

    /**
     * @return the trades so far, for the benchmark to hand to JMH.
     */
    public long replayMeasured()
    {
        driver.replay(stream, stream.measuredStart(), stream.measuredEnd());
        return driver.trades();
    }

    /**
     * @throws IllegalStateException if the round refused a command, left orders behind or traded other than
     *                               generation did.
     */
    public void drain()
    {
        tradesAfterMeasured = driver.trades();
        driver.replay(stream, stream.measuredEnd(), stream.size());
        final long measuredTrades = tradesAfterMeasured - tradesBeforeMeasured;
        if (driver.rejections() != 0 || driver.restingOrders() != 0 || measuredTrades != profile.trades())
        {
            throw new IllegalStateException(String.format(
                "exchange-core %s round %d diverged from generation: %d rejections, %d orders left, %d trades " +
                "measured where generation saw %d",
                stream.name(), rounds, driver.rejections(), driver.restingOrders(), measuredTrades, profile.trades()));
        }
    }
}
