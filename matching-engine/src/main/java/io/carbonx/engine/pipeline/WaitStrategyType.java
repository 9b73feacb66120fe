package io.carbonx.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * How the threads consuming a ring wait for work. Each ring gets its own instance.
 * <p>
 * The engine runs a business-logic thread and one thread per event listener, plus the producers. Only
 * choose a busy strategy ({@link #YIELDING}, {@link #BUSY_SPIN}) when there is a free core for every consuming thread
 * of the ring, otherwise the spinners take the cores the threads with work need and latency gets worse, not better.
 */
public enum WaitStrategyType
{
    /**
     * Park on a lock until signalled: no CPU when idle, but every publish takes the lock to signal, and waking costs
     * tens of microseconds.
     */
    BLOCKING
    {
        @Override
        WaitStrategy newInstance()
        {
            return new BlockingWaitStrategy();
        }
    },

    /**
     * Spin for {@value #BACKOFF_SPIN_US} us, yield for up to {@value #BACKOFF_YIELD_US} us, then block on a lock until
     * signalled. The default: a pipeline with work never blocks, one that has been idle for a tenth of a millisecond
     * takes no CPU at all (which a machine with fewer cores than engine threads needs), and the first command after a
     * pause pays one wake-up per hop. Every publish takes the lock to signal, which is cheap uncontended and spread
     * over a batch on the event ring.
     */
    BACKOFF
    {
        @Override
        WaitStrategy newInstance()
        {
            return PhasedBackoffWaitStrategy.withLock(BACKOFF_SPIN_US, BACKOFF_YIELD_US, TimeUnit.MICROSECONDS);
        }
    },

    /**
     * Spin briefly, then yield, then sleep in short parks: producers never signal and a busy pipeline never sleeps,
     * but an idle thread still wakes every park (tens of microseconds on Linux), a few percent of a core each.
     */
    SLEEPING
    {
        @Override
        WaitStrategy newInstance()
        {
            return new SleepingWaitStrategy();
        }
    },

    /**
     * Spin, then {@link Thread#yield()}: lowest latency a shared core allows, but each consumer uses a whole core.
     */
    YIELDING
    {
        @Override
        WaitStrategy newInstance()
        {
            return new YieldingWaitStrategy();
        }
    },

    /**
     * Spin without pause: lowest latency, only for consumers pinned to cores of their own.
     */
    BUSY_SPIN
    {
        @Override
        WaitStrategy newInstance()
        {
            return new BusySpinWaitStrategy();
        }
    };

    private static final long BACKOFF_SPIN_US = 10;
    private static final long BACKOFF_YIELD_US = 100;
    private static final long IDLE_SPINS = 100;
    private static final long IDLE_YIELDS = 10;
    private static final long IDLE_MIN_PARK_NS = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long IDLE_MAX_PARK_NS = TimeUnit.MICROSECONDS.toNanos(250);

    abstract WaitStrategy newInstance();

    /**
     * The same choice for a thread that polls rather than waits on the ring (the business logic sequenced by a
     * command log has two sources of work, so it cannot block on either): {@link #BUSY_SPIN} and {@link #YIELDING}
     * keep spinning or yielding; every other type backs off from spinning through yielding to parks doubling from
     * 1 us to 250 us. An idle thread then wakes at most 4,000 times a second, a small fraction of a core, and a command
     * after a pause waits at most a quarter of a millisecond for it, small beside a round trip to a cluster.
     */
    IdleStrategy newIdleStrategy()
    {
        return switch (this)
        {
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            case YIELDING -> new YieldingIdleStrategy();
            default -> new BackoffIdleStrategy(IDLE_SPINS, IDLE_YIELDS, IDLE_MIN_PARK_NS, IDLE_MAX_PARK_NS);
        };
    }
}
