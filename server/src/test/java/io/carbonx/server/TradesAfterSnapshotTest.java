package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.pipeline.EngineRecovery;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.engine.snapshot.SnapshotStore;
import io.carbonx.server.config.EngineSetup;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.server.ApiClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.carbonx.server.ApiClient.REGULATOR;
import static io.carbonx.server.TestExchange.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /trades} lists the same trades after a restart whether or not the engine recovers from a snapshot: the
 * read replica's trade log does not start at the snapshot.
 */
class TradesAfterSnapshotTest
{
    private static final String DAY = "2026-11-20";

    @RegisterExtension
    final RunningExchange running = new RunningExchange();

    @TempDir
    Path folder;

    private TestExchange exchange;
    private int clOrdIds;

    @Test
    void theTradeListIsTheSameBeforeAndAfterARestartFromASnapshot() throws Exception
    {
        final ExchangeConfig config = TestExchange.demo(folder, true);
        exchange = running.start(folder, config);
        final FixClient broker = exchange.connect("BROKER1");
        final FixClient citic = exchange.connect("CITIC");
        trade(broker, citic, 30, "92.00");
        final Answer closed = exchange.api().post(REGULATOR, "/commands/end-of-trading-day",
            "{\"tradingDate\":\"" + DAY + "\"}");
        assertEquals(200, closed.status(), closed.body());
        trade(broker, citic, 20, "91.50");
        final long last = awaitOpenTrades(1);
        final JsonNode closedDay = trades("/trades?date=" + DAY + "&after=" + last);
        final JsonNode openDay = trades("/trades?after=" + last);
        assertEquals(1, closedDay.size(), closedDay.toString());
        assertEquals(1, openDay.size(), openDay.toString());
        running.stop();
        exchange = null;

        final Path data = folder.resolve("data");
        final EngineSettings engineSettings = EngineSettings.builder()
            .journalDirectory(data.resolve("journal"))
            .snapshotDirectory(data.resolve("snapshots"))
            .build();
        final ExchangeStateMachine machine = new ExchangeStateMachine(new EngineSetup(config).settings());
        EngineRecovery.recover(engineSettings, machine);
        new SnapshotStore(engineSettings.snapshotDirectory(), engineSettings.snapshotsToKeep()).write(machine);

        exchange = running.start(folder, config);
        // the engine may recover from an older point (the order entry replays from its own mark), but the read replica
        // must list the same trades whatever snapshots the folder holds
        assertTrue(Files.list(engineSettings.snapshotDirectory()).findAny().isPresent(), "a snapshot was written");
        assertEquals(closedDay, trades("/trades?date=" + DAY));
        assertEquals(openDay, trades("/trades"));
    }

    private void trade(final FixClient seller, final FixClient buyer, final long quantity, final String price)
        throws Exception
    {
        seller.send(order("1001", '2', quantity, price));
        assertEquals('0', seller.next("8", WAIT).getChar(150));
        buyer.send(order("3001", '1', quantity, price));
        assertEquals('0', buyer.next("8", WAIT).getChar(150));
        assertEquals('F', buyer.next("8", WAIT).getChar(150));
        assertEquals('F', seller.next("8", WAIT).getChar(150));
    }

    /**
     * @return the replica's sequence once it lists the open day's trades.
     */
    private long awaitOpenTrades(final int count) throws Exception
    {
        final int listed = await().atMost(WAIT, TimeUnit.MILLISECONDS)
            .until(() -> trades("/trades").size(), size -> size >= count);
        assertEquals(count, listed);
        return exchange.api().get(REGULATOR, "/accounts/1001").json().get("sequence").asLong();
    }

    private JsonNode trades(final String path) throws Exception
    {
        final Answer answer = exchange.api().get(REGULATOR, path);
        assertEquals(200, answer.status(), answer.body());
        return answer.json().get("trades");
    }

    private Message order(final String account, final char side, final long quantity, final String price)
    {
        return TestExchange.limitOrder("S-" + ++clOrdIds, account, "CEA-2025", side, quantity, price, '1');
    }
}
