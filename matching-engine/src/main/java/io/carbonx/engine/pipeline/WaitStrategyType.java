package io.carbonx.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

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
     * Spin briefly, then yield, then sleep in short parks: near-zero CPU when idle, producers never signal, and a
     * busy pipeline never sleeps. The default, because it keeps every thread off the cores when there is no work,
     * which is what a machine with fewer cores than engine threads needs; an idle pipeline answers its first command
     * after up to one park (tens of microseconds on Linux) per hop.
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

    abstract WaitStrategy newInstance();
}
