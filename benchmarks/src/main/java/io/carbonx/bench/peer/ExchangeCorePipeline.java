package io.carbonx.bench.peer;

import exchange.core2.core.ExchangeApi;
import exchange.core2.core.ExchangeCore;
import exchange.core2.core.common.CoreWaitStrategy;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.api.ApiAddUser;
import exchange.core2.core.common.api.ApiAdjustUserBalance;
import exchange.core2.core.common.api.ApiCommand;
import exchange.core2.core.common.api.binary.BatchAddSymbolsCommand;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.ExchangeConfiguration;
import exchange.core2.core.common.config.InitialStateConfiguration;
import exchange.core2.core.common.config.OrdersProcessingConfiguration;
import exchange.core2.core.common.config.PerformanceConfiguration;
import exchange.core2.core.common.config.SerializationConfiguration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * exchange-core 0.5.3's whole pipeline, as BENCHMARK.md sets the peer up: its {@link ExchangeCore} with risk processing
 * on (pre-trade checks and settlement per currency, its default), journaling and serialization off, one risk engine and
 * one matching engine on its direct order book, the YIELDING wait strategy, and its throughput settings otherwise
 * (64k ring, grouping up to 4,096 commands). Threads are plain (no CPU affinity), named {@code exchange-core-N}.
 * <p>
 * The results consumer runs on exchange-core's results thread and is the only writer of the counters; the driver
 * thread publishes commands and reads the counters once {@link #awaitOrderResults(long)} has seen them.
 * exchange-core 0.5.3 needs LMAX Disruptor 3.4; it does not run on the project's Disruptor 4, which is why the peer
 * runs in a JVM of its own ({@link ExchangeCorePipelineFork}).
 */
public final class ExchangeCorePipeline implements AutoCloseable
{
    /**
     * Plenty of units and cash: no order of a standard workload is refused for funds.
     */
    static final long UNITS = 100_000_000L;
    static final long CASH = 1_000_000_000_000_000L;

    private static final int UNITS_CURRENCY = ExchangeCoreBookDriver.SYMBOL.baseCurrency;
    private static final int CASH_CURRENCY = ExchangeCoreBookDriver.SYMBOL.quoteCurrency;

    private final ExchangeCore core;
    private final ExchangeApi api;
    private volatile long orderResults;
    private long trades;
    private long rejections;

    public ExchangeCorePipeline()
    {
        final AtomicInteger threads = new AtomicInteger();
        final PerformanceConfiguration performance = PerformanceConfiguration.throughputPerformanceBuilder()
            .matchingEnginesNum(1)
            .riskEnginesNum(1)
            .waitStrategy(CoreWaitStrategy.YIELDING)
            .threadFactory(runnable -> new Thread(runnable, "exchange-core-" + threads.getAndIncrement()))
            .build();
        final ExchangeConfiguration configuration = ExchangeConfiguration.defaultBuilder()
            .performanceCfg(performance)
            .ordersProcessingCfg(OrdersProcessingConfiguration.DEFAULT)
            .serializationCfg(SerializationConfiguration.DEFAULT)
            .initStateCfg(InitialStateConfiguration.CLEAN_TEST)
            .build();
        core = ExchangeCore.builder().resultsConsumer(this::onResult).exchangeConfiguration(configuration).build();
        core.startup();
        api = core.getApi();
    }

    /**
     * Add the symbol and accounts {@code 1..maxAccount}, each funded with {@link #UNITS} and {@link #CASH}, and wait
     * until all of it is done.
     *
     * @throws IllegalStateException if exchange-core refused any of it.
     */
    public void setUp(final long maxAccount) throws InterruptedException, ExecutionException
    {
        expectSuccess("add symbol", api.submitBinaryDataAsync(
            new BatchAddSymbolsCommand(ExchangeCoreBookDriver.SYMBOL)).get());
        final List<CompletableFuture<CommandResultCode>> results = new ArrayList<>();
        for (long account = 1; account <= maxAccount; account++)
        {
            results.add(api.submitCommandAsync(ApiAddUser.builder().uid(account).build()));
            results.add(api.submitCommandAsync(ApiAdjustUserBalance.builder()
                .uid(account).currency(UNITS_CURRENCY).amount(UNITS).transactionId(1).build()));
            results.add(api.submitCommandAsync(ApiAdjustUserBalance.builder()
                .uid(account).currency(CASH_CURRENCY).amount(CASH).transactionId(2).build()));
        }
        for (final CompletableFuture<CommandResultCode> result : results)
        {
            expectSuccess("set up accounts", result.get());
        }
    }

    /**
     * Publish one command to exchange-core's ring, as its own throughput tests do.
     */
    public void publish(final ApiCommand command)
    {
        api.submitCommand(command);
    }

    /**
     * Wait until the results of {@code count} order commands (place, move, cancel) have left the pipeline. Results
     * leave in publication order, so this is the moment the {@code count}-th published order command's result is out.
     * Spins with {@link Thread#yield()} so that the end is seen at once without holding a core the pipeline needs.
     */
    public void awaitOrderResults(final long count)
    {
        while (orderResults < count)
        {
            Thread.yield();
        }
    }

    /**
     * @return the trades so far; read after {@link #awaitOrderResults(long)}.
     */
    public long trades()
    {
        return trades;
    }

    /**
     * @return order commands refused so far (any result but success, or a GTC order rejected by the book); read after
     * {@link #awaitOrderResults(long)}.
     */
    public long rejections()
    {
        return rejections;
    }

    @Override
    public void close()
    {
        core.shutdown();
    }

    private void onResult(final OrderCommand command, final long sequence)
    {
        final OrderCommandType type = command.command;
        if (type != OrderCommandType.PLACE_ORDER && type != OrderCommandType.MOVE_ORDER &&
            type != OrderCommandType.CANCEL_ORDER)
        {
            return;
        }
        if (command.resultCode != CommandResultCode.SUCCESS)
        {
            rejections++;
        }
        for (MatcherTradeEvent event = command.matcherEvent; event != null; event = event.nextEvent)
        {
            if (event.eventType == MatcherEventType.TRADE)
            {
                trades++;
            }
            // An IOC's unfilled remainder is reported as a rejection, which is its normal end.
            else if (event.eventType == MatcherEventType.REJECT && type == OrderCommandType.PLACE_ORDER &&
                command.orderType == OrderType.GTC)
            {
                rejections++;
            }
        }
        // The volatile write publishes the counters above to the thread that awaits it.
        orderResults = orderResults + 1;
    }

    private static void expectSuccess(final String what, final CommandResultCode result)
    {
        if (result != CommandResultCode.SUCCESS)
        {
            throw new IllegalStateException("exchange-core refused " + what + ": " + result);
        }
    }
}
