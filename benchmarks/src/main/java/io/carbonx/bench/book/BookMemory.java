package io.carbonx.bench.book;

import io.carbonx.bench.workload.BenchmarkInstrument;
import io.carbonx.engine.book.OrderBook;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * The heap a book takes to hold a given number of resting orders: the heap in use after garbage collection with the
 * book full, less the heap in use before it was built. The book is sized for exactly that many orders, with the
 * closed-order memory every benchmark uses, and its orders rest across the whole band of the benchmark instrument
 * (bids below the mid, asks above, about one hundred per price), so the figure includes the order pool, the id map,
 * the price levels and the closed-order memory.
 * <p>
 * Runs on the calling thread, which must be the only one allocating while it measures.
 */
public final class BookMemory
{
    private static final int COLLECTIONS = 5;

    private BookMemory()
    {
    }

    /**
     * @return the bytes of heap held by a book resting {@code resting} orders.
     */
    public static long heapBytes(final int resting)
    {
        final long before = usedAfterGc();
        final OrderBook book = BenchmarkInstrument.newBook(resting, new CountingListener());
        final long lowest = book.instrument().lowestPrice();
        final long highest = book.instrument().highestPrice();
        final long mid = BenchmarkInstrument.MID_PRICE;
        for (int i = 0; i < resting; i++)
        {
            final boolean buy = (i & 1) == 0;
            final long spread = i / 2 % (buy ? mid - lowest : highest - mid);
            final long price = buy ? mid - 1 - spread : mid + 1 + spread;
            final RejectReason reason = book.submit(
                i + 1, 1 + i % 1_000, buy ? Side.BUY : Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, price,
                1 + i % 10, 0, 0);
            if (reason != null)
            {
                throw new IllegalStateException("order " + (i + 1) + " refused: " + reason);
            }
        }
        if (book.orderCount() != resting)
        {
            throw new IllegalStateException("expected " + resting + " resting orders, found " + book.orderCount());
        }
        final long after = usedAfterGc();
        Reference.reachabilityFence(book);
        return after - before;
    }

    /**
     * @return a RESULT line for a book resting {@code resting} orders.
     */
    public static String resultLine(final int resting)
    {
        final long bytes = heapBytes(resting);
        return String.format(Locale.ROOT, "RESULT bench=book-memory resting=%d heap_mb=%.1f bytes_per_order=%.0f",
            resting, bytes / (1024.0 * 1024.0), (double)bytes / resting);
    }

    private static long usedAfterGc()
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < COLLECTIONS; i++)
        {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * Prints the figure for 1,000,000 resting orders, or for the count given as the first argument.
     */
    public static void main(final String[] args)
    {
        System.out.println(resultLine(args.length == 0 ? 1_000_000 : Integer.parseInt(args[0])));
    }
}
