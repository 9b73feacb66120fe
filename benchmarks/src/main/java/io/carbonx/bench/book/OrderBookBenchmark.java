package io.carbonx.bench.book;

import io.carbonx.bench.workload.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One CarbonX order book alone, one thread, no risk, no journal: the time to apply a workload's whole measured
 * section, a few million commands, to a book in the workload's steady state.
 * <p>
 * Single-shot: each iteration times one pass over the measured section, long enough (hundreds of milliseconds) that
 * timer overhead is nil, and the iteration setup and teardown put the book into the steady state before and empty it
 * after, outside the timing. The score is milliseconds per pass; ops/s is the measured command count divided by it
 * (see {@code BookBenchmarkMain}). With {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes allocated per
 * iteration, setup and teardown included, so per command it is divided by the whole round's command count.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.AGRONA_EXPORTS, ForkedJvm.MIN_HEAP, ForkedJvm.MAX_HEAP})
public class OrderBookBenchmark
{
    @Param({"MIX", "LIMIT"})
    public Workload workload;

    @Param("3000000")
    public int commands;

    @Param("42")
    public long seed;

    private OrderBookReplay replay;

    @Setup(Level.Trial)
    public void generate()
    {
        replay = new OrderBookReplay(workload.generate(commands, seed));
    }

    @Setup(Level.Iteration)
    public void warmUpBook()
    {
        replay.warmUp();
    }

    @Benchmark
    public long replayMeasuredSection()
    {
        return replay.replayMeasured();
    }

    @TearDown(Level.Iteration)
    public void drainBook()
    {
        replay.drain();
    }
}
