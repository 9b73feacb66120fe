package io.carbonx.engine.journal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Faults in the journal's memory-mapped pages ahead of the writer, on a thread of its own
 * ({@code carbonx-journal-pretouch}), so the business-logic thread does not. Writing a fresh page of a mapped file
 * costs the writer a page fault, the kernel finding, zeroing and mapping a page: measured 1.6-2.2 ns per byte on the
 * project's machines against 0.06 for a page already mapped, about 200 ns of each ~116-byte journal record.
 * Chronicle's own pretoucher is not in its open-source edition.
 * <p>
 * After each batch the writer tells where it is ({@link #wrote}): the address its next write goes to and the end of
 * the chunk of the file mapped there. This thread then asks the kernel to populate the mapping writable up to
 * {@link #AHEAD_BYTES} beyond that point with {@code madvise(MADV_POPULATE_WRITE)} (Linux 5.14 and later), which
 * faults the pages in exactly as writing them would, without touching their content: a range the writer has
 * meanwhile filled, or one Chronicle has unmapped (the call then fails with {@code ENOMEM}, and the writer's next
 * position is another), is left as it was. On a kernel without it, or off Linux, the pretoucher stops after one
 * warning and the writer faults its pages itself, as before.
 * <p>
 * The writer publishes its position under a version number (odd while it writes, even once done), so this thread
 * never pairs an address of one mapping with the end of another. Written by the journal's writer (the position) and
 * this thread (the rest).
 */
public final class JournalPretoucher implements AutoCloseable
{
    /** How far ahead of the writer pages are faulted in: about 50 ms of records at 1.5M commands per second. */
    static final long AHEAD_BYTES = 8L << 20;
    private static final int MADV_POPULATE_WRITE = 23;
    private static final int EINVAL = 22;
    private static final long PAGE_MASK = ~4095L;
    private static final long BUSY_PARK_NS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final Logger LOG = LoggerFactory.getLogger(JournalPretoucher.class);
    private static final VarHandle VERSION;

    static
    {
        try
        {
            VERSION = MethodHandles.lookup().findVarHandle(JournalPretoucher.class, "version", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Thread thread;
    private volatile boolean running = true;
    @SuppressWarnings("unused") // through VERSION
    private long version;
    private long writeAddress;
    private long mappingEnd;
    private volatile long touchedBytes;

    JournalPretoucher()
    {
        thread = new Thread(this::run, "carbonx-journal-pretouch");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @return whether pages can be faulted in ahead here: Linux, with JNA's native library.
     */
    public static boolean supported()
    {
        try
        {
            return Platform.isLinux() && LibC.INSTANCE != null;
        }
        catch (final Throwable ex)
        {
            return false;
        }
    }

    /**
     * Where the writer is now. Called by the writer only.
     *
     * @param address    of the byte its next write goes to.
     * @param mappingEnd the address just past the chunk of the file mapped there.
     */
    void wrote(final long address, final long mappingEnd)
    {
        final long next = (long)VERSION.getOpaque(this) + 1;
        VERSION.setOpaque(this, next);
        VarHandle.storeStoreFence();
        this.writeAddress = address;
        this.mappingEnd = mappingEnd;
        VERSION.setRelease(this, next + 1);
        // no unpark: a wake-up per batch would cost the writer a system call; this thread looks every 100 us while
        // the writer moves and every 10 ms once it rests, and stays far enough ahead either way
    }

    /**
     * @return the bytes faulted in so far, for tests and measurements.
     */
    long touchedBytes()
    {
        return touchedBytes;
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run()
    {
        long touchedUpTo = 0;
        long lastEnd = 0;
        long seenVersion = 0;
        while (running)
        {
            final long before = (long)VERSION.getAcquire(this);
            final long address = writeAddress;
            final long end = mappingEnd;
            VarHandle.loadLoadFence();
            if ((before & 1) != 0 || before != (long)VERSION.getOpaque(this) || before == seenVersion)
            {
                LockSupport.parkNanos(before == seenVersion ? IDLE_PARK_NS : BUSY_PARK_NS);
                continue;
            }
            seenVersion = before;
            if (end != lastEnd)
            {
                touchedUpTo = 0; // another mapping: what was touched was in the last one
                lastEnd = end;
            }
            final long from = Math.max(touchedUpTo, address) & PAGE_MASK;
            final long to = Math.min(end, address + AHEAD_BYTES) & PAGE_MASK;
            if (to > from && !populate(from, to))
            {
                return;
            }
            touchedUpTo = Math.max(touchedUpTo, to);
            LockSupport.parkNanos(BUSY_PARK_NS);
        }
    }

    /**
     * @return false when the kernel cannot do it at all, and this thread is to stop.
     */
    private boolean populate(final long from, final long to)
    {
        try
        {
            LibC.INSTANCE.madvise(new Pointer(from), to - from, MADV_POPULATE_WRITE);
            touchedBytes += to - from;
            return true;
        }
        catch (final LastErrorException ex)
        {
            if (ex.getErrorCode() == EINVAL)
            {
                LOG.warn("the journal's pages cannot be faulted in ahead on this kernel (madvise " +
                    "MADV_POPULATE_WRITE, Linux 5.14+): the business logic faults them in as it writes");
                return false;
            }
            return true; // ENOMEM: the range was unmapped meanwhile; the writer's next position is another
        }
    }

    /**
     * The C library's {@code madvise}, through JNA.
     */
    interface LibC extends Library
    {
        LibC INSTANCE = Native.load("c", LibC.class);

        int madvise(Pointer address, long length, int advice) throws LastErrorException;
    }
}
