package io.carbonx.gateway.orders;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order log on a real file: what is appended is read back after a reopen, a torn last record is cut off, and a
 * rewrite keeps exactly the entries given.
 */
class OrderLogTest
{
    @TempDir
    Path folder;

    private static OrderLog.Entry placed(final long orderId, final String clOrdId)
    {
        return new OrderLog.Entry(OrderLog.NEW, orderId, 2001, "CCER", '2', '2', 80_00, 100, clOrdId);
    }

    @Test
    void entriesSurviveAReopenAndATornTailIsCutOff() throws Exception
    {
        final Path file = folder.resolve("fix").resolve("orders.log");
        final OrderLog.Entry first = placed(1L << 47 | 5, "A-1");
        final OrderLog.Entry replace = new OrderLog.Entry(OrderLog.REPLACE, first.orderId(), 2001, "CCER", '2', '2',
            81_00, 90, "A-2 \u00e9");
        try (OrderLog log = OrderLog.open(file, false))
        {
            assertEquals(List.of(), log.loaded());
            log.append(first);
            log.append(replace);
        }
        final long whole = Files.size(file);
        Files.write(file, new byte[] {0, 0, 0, 60, 1, 2, 3}, StandardOpenOption.APPEND);

        try (OrderLog log = OrderLog.open(file, true))
        {
            assertEquals(List.of(first, replace), log.loaded());
            assertEquals(whole, Files.size(file), "the torn record is cut off");
            log.append(placed(2, "B-1"));
        }
        try (OrderLog log = OrderLog.open(file, false))
        {
            assertEquals(List.of(first, replace, placed(2, "B-1")), log.loaded());
        }
    }

    @Test
    void anOrdersStateAndTheMarkSurviveAReopen() throws Exception
    {
        final Path file = folder.resolve("orders.log");
        final OrderLog.Entry state = new OrderLog.Entry(OrderLog.STATE, 7, 2001, "CCER", '2', '2', 80_00, 100, "A-7",
            60, 60 * 80_00 + 1, '1');
        try (OrderLog log = OrderLog.open(file, false))
        {
            log.append(placed(7, "A-7"));
            log.append(state);
            log.append(OrderLog.Entry.mark(41));
        }
        try (OrderLog log = OrderLog.open(file, false))
        {
            assertEquals(List.of(placed(7, "A-7"), state, OrderLog.Entry.mark(41)), log.loaded());
        }
    }

    @Test
    void aCrossesSidesWithTheirCrossIdAndItsClosingSurviveAReopen() throws Exception
    {
        final Path file = folder.resolve("orders.log");
        final OrderLog.Entry buy = OrderLog.Entry.crossSide(9, 1002, "CEA-2024", '1', 95_00, 100_000, "B-1", "BLK-1");
        final OrderLog.Entry sell = OrderLog.Entry.crossSide(9, 1001, "CEA-2024", '2', 95_00, 100_000, "S-1", "BLK-1");
        try (OrderLog log = OrderLog.open(file, false))
        {
            log.append(buy);
            log.append(sell);
            log.append(OrderLog.Entry.crossClosed(9));
        }
        try (OrderLog log = OrderLog.open(file, false))
        {
            assertEquals(List.of(buy, sell, OrderLog.Entry.crossClosed(9)), log.loaded());
            assertEquals("BLK-1", log.loaded().get(1).crossId());
        }
    }

    @Test
    void aRewriteKeepsOnlyTheGivenEntriesAndLaterAppendsFollowThem() throws Exception
    {
        final Path file = folder.resolve("orders.log");
        try (OrderLog log = OrderLog.open(file, false))
        {
            log.append(placed(1, "A-1"));
            log.append(placed(2, "A-2"));
            log.append(placed(3, "A-3"));
            log.rewrite(List.of(placed(2, "A-2")));
            log.append(placed(4, "A-4"));
        }
        try (OrderLog log = OrderLog.open(file, false))
        {
            assertEquals(List.of(placed(2, "A-2"), placed(4, "A-4")), log.loaded());
        }
    }

    @Test
    void aBatchWritesTheRecordsItsEntriesWouldByteForByte() throws Exception
    {
        final OrderLog.Entry first = placed(1L << 47 | 5, "A-1");
        // a ClOrdID byte above 127, as a session reads it (ISO-8859-1): the log holds it in UTF-8 either way
        final OrderLog.Entry replace = new OrderLog.Entry(OrderLog.REPLACE, first.orderId(), 2001, "CCER", '2', '2',
            81_00, 90, "A-2 \u00e9");
        final Path one = folder.resolve("one-by-one.log");
        try (OrderLog log = OrderLog.open(one, false))
        {
            log.append(first);
            log.append(replace);
        }
        final Path batched = folder.resolve("batched.log");
        final OrderLog.Batch batch = new OrderLog.Batch();
        try (OrderLog log = OrderLog.open(batched, false))
        {
            add(batch, first);
            add(batch, replace);
            assertEquals(2, batch.count());
            log.append(batch);
            batch.clear();
            assertEquals(0, batch.count());
            log.append(batch); // an empty batch writes nothing
        }

        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(batched));
        try (OrderLog log = OrderLog.open(batched, false))
        {
            assertEquals(List.of(first, replace), log.loaded());
        }
    }

    @Test
    void aBatchRefusesARecordTooLongForTheLog()
    {
        final OrderLog.Batch batch = new OrderLog.Batch();
        final byte[] clOrdId = new byte[70_000];
        Arrays.fill(clOrdId, (byte)'A');

        assertFalse(batch.add(OrderLog.NEW, 1, 2001, 80_00, 100, '2', '2', bytes("CCER"), clOrdId, 0,
            clOrdId.length));
        assertEquals(0, batch.count());
    }

    private static void add(final OrderLog.Batch batch, final OrderLog.Entry entry)
    {
        final byte[] clOrdId = entry.clOrdId().getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(batch.add(entry.kind(), entry.orderId(), entry.accountId(), entry.price(), entry.quantity(),
            entry.side(), entry.ordType(), bytes(entry.symbol()), clOrdId, 0, clOrdId.length));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
