package io.carbonx.bench.book;

import io.carbonx.bench.peer.ExchangeCoreReplay;
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
 * The peer: exchange-core 0.5.3's direct order book on exactly the streams of {@link OrderBookBenchmark}, measured
 * the same way, so that a run reports both and their ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.AGRONA_EXPORTS, ForkedJvm.MIN_HEAP, ForkedJvm.MAX_HEAP})
public class ExchangeCoreBookBenchmark
{
    @Param({"MIX", "LIMIT"})
    public Workload workload;

    @Param("3000000")
    public int commands;

    @Param("42")
    public long seed;

    private ExchangeCoreReplay replay;

    @Setup(Level.Trial)
    public void generate()
    {
        replay = new ExchangeCoreReplay(workload.generate(commands, seed));
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
