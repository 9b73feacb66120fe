package io.carbonx.server.crash;

import org.awaitility.core.ConditionTimeoutException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.awaitility.Awaitility.await;

/**
 * One round of FIX load: a thread per member sends limit orders at its own pace, bounded in count and time, until
 * stopped. The orders cross within the demo's price bands (CEA-2025 around 92.00, CCER around 80.00): BROKER1 sells
 * CEA-2025 for 1001 or 1002 and buys CCER for them, CITIC (3001) buys both, FOREST (2001) sells CCER; most are GTC,
 * some IOC, 1 to 20 t. Each thread draws from its own Random, seeded from the test's seed.
 * <p>
 * Threads: the load threads write {@link #sent}; the test thread starts, watches and stops.
 */
final class OrderLoad
{
    private static final int MAX_ORDERS_PER_MEMBER = 600;
    private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long CEA_2025 = 9200;
    private static final long CCER = 8000;

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger sent = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    static OrderLoad start(final List<Member> members, final int round, final long seed)
    {
        final OrderLoad load = new OrderLoad();
        for (int i = 0; i < members.size(); i++)
        {
            final Member member = members.get(i);
            final Random random = new Random(seed * 31 + i);
            final Thread thread =
                new Thread(() -> load.run(member, round, random), "load-" + member.name + "-" + round);
            thread.setDaemon(true);
            load.threads.add(thread);
        }
        load.threads.forEach(Thread::start);
        return load;
    }

    /**
     * @return how many orders the members have sent in this round so far.
     */
    int sent()
    {
        return sent.get();
    }

    /**
     * Wait until the members together have sent {@code count} orders.
     *
     * @return false if that did not happen within {@code millis}.
     */
    boolean awaitSent(final int count, final long millis)
    {
        try
        {
            await().atMost(millis, TimeUnit.MILLISECONDS).pollInterval(1, TimeUnit.MILLISECONDS)
                .until(() -> sent.get() >= count);
            return true;
        }
        catch (final ConditionTimeoutException ex)
        {
            return false;
        }
    }

    void stop() throws InterruptedException
    {
        stop.set(true);
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    private void run(final Member member, final int round, final Random random)
    {
        // a member's own pace: FOREST stays well inside its 100 messages a second, the others at about 125 a second
        final long interval = TimeUnit.MILLISECONDS.toNanos("FOREST".equals(member.name) ? 20 : 8);
        final long end = System.nanoTime() + MAX_NANOS;
        long next = System.nanoTime();
        int count = 0;
        while (!stop.get() && count < MAX_ORDERS_PER_MEMBER && System.nanoTime() < end)
        {
            LockSupport.parkNanos(next - System.nanoTime());
            next += interval;
            final Member.SentOrder order = nextOrder(member, round, count, random);
            if (member.sendOrder(order))
            {
                count++;
                sent.incrementAndGet();
            }
        }
    }

    private static Member.SentOrder nextOrder(final Member member, final int round, final int count,
        final Random random)
    {
        final String clOrdId = member.name + "-" + round + "-" + count;
        final long quantity = 1 + random.nextInt(20);
        final char timeInForce = random.nextInt(100) < 15 ? '3' : '1';
        final long offset = random.nextInt(101) - 50;
        final boolean first = random.nextBoolean();
        return switch (member.name)
        {
            case "BROKER1" ->
            {
                final long account = random.nextBoolean() ? 1001 : 1002;
                yield first ?
                    new Member.SentOrder(clOrdId, account, "CEA-2025", '2', quantity, CEA_2025 + offset, timeInForce,
                        round) :
                    new Member.SentOrder(clOrdId, account, "CCER", '1', quantity, CCER + offset, timeInForce, round);
            }
            case "CITIC" -> first ?
                new Member.SentOrder(clOrdId, 3001, "CEA-2025", '1', quantity, CEA_2025 + offset, timeInForce, round) :
                new Member.SentOrder(clOrdId, 3001, "CCER", '1', quantity, CCER + offset, timeInForce, round);
            case "FOREST" ->
                new Member.SentOrder(clOrdId, 2001, "CCER", '2', quantity, CCER + offset, timeInForce, round);
            default -> throw new IllegalArgumentException("no order flow for " + member.name);
        };
    }
}
