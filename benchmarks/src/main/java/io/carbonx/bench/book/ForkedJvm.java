package io.carbonx.bench.book;

/**
 * JVM options of the benchmark JVMs JMH forks. The executable jar's manifest opens the JDK to Agrona for the launching
 * JVM only, so forks need the flag themselves.
 */
final class ForkedJvm
{
    /**
     * Agrona reaches into jdk.internal.misc; without this its first use of Unsafe fails.
     */
    static final String AGRONA_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    /**
     * A fixed heap: LIMIT generates about 4M commands through a reference book of 3.3M orders before its own book of
     * 1.4M; fixing the size keeps heap resizing out of the measurements.
     */
    static final String MIN_HEAP = "-Xms3g";
    static final String MAX_HEAP = "-Xmx3g";

    private ForkedJvm()
    {
    }
}
