package io.carbonx.engine.snapshot;

import io.carbonx.engine.core.StateMachine;

import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A snapshot held in memory: the state machine's body, byte for byte what {@link DataOutputStream} would write, with
 * the sequence and state hash it was taken at. Capturing is the only part of a snapshot that must stop the business
 * logic (the state must not change while it is serialised); checksumming and writing the file can then happen on
 * another thread, see {@link SnapshotWriter}.
 * <p>
 * The array grows to the largest snapshot taken and is reused, so a steady state allocates nothing per snapshot.
 * Written by the thread that captures into it (the business-logic thread), then read by the thread that writes it to
 * a file, never both at once: the hand-over between them orders the two.
 */
public final class SnapshotImage extends OutputStream implements DataOutput
{
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** For the rare strings: DataOutputStream's own encoding, written through to this image. */
    private final DataOutputStream strings = new DataOutputStream(this);
    private byte[] body;
    private int length;
    private long sequence = -1;
    private long stateHash;
    private long serialiseNs;
    private long hashNs;

    /**
     * @param initialCapacity bytes, grown as needed.
     */
    public SnapshotImage(final int initialCapacity)
    {
        body = new byte[Math.max(64, initialCapacity)];
    }

    /**
     * Serialise the state machine into this image, replacing what it held, at its
     * {@link StateMachine#lastAppliedSequence()}.
     */
    public void capture(final StateMachine stateMachine) throws IOException
    {
        clear();
        final long startNs = System.nanoTime();
        stateMachine.writeSnapshot(this);
        strings.flush();
        final long serialisedNs = System.nanoTime();
        stateHash = stateMachine.stateHash();
        sequence = stateMachine.lastAppliedSequence();
        serialiseNs = serialisedNs - startNs;
        hashNs = System.nanoTime() - serialisedNs;
    }

    /**
     * Empty the image, keeping its array, to write into it as a plain {@link DataOutput}: a caller that wraps the
     * state machine's snapshot in a format of its own (the cluster's) writes its fields and then the state machine's.
     */
    public void clear()
    {
        length = 0;
        sequence = -1;
    }

    /**
     * @return how long the last capture took to serialise the state, in nanoseconds.
     */
    public long serialiseNs()
    {
        return serialiseNs;
    }

    /**
     * @return how long the last capture took to compute the state hash the header records, in nanoseconds.
     */
    public long hashNs()
    {
        return hashNs;
    }

    /**
     * @return the sequence of the last command applied to the captured state, -1 when nothing is captured.
     */
    public long sequence()
    {
        return sequence;
    }

    public long stateHash()
    {
        return stateHash;
    }

    /**
     * @return the array holding the body from index 0; valid up to {@link #length()} and until the next write.
     */
    public byte[] body()
    {
        return body;
    }

    /**
     * @return the length of the body in bytes.
     */
    public int length()
    {
        return length;
    }

    @Override
    public void write(final int b)
    {
        final int at = claim(1);
        body[at] = (byte)b;
    }

    @Override
    public void write(final byte[] bytes, final int offset, final int count)
    {
        final int at = claim(count);
        System.arraycopy(bytes, offset, body, at, count);
    }

    @Override
    public void writeBoolean(final boolean value)
    {
        write(value ? 1 : 0);
    }

    @Override
    public void writeByte(final int value)
    {
        write(value);
    }

    @Override
    public void writeShort(final int value)
    {
        final int at = claim(2); // before reading body, which claiming may replace
        SHORT.set(body, at, (short)value);
    }

    @Override
    public void writeChar(final int value)
    {
        final int at = claim(2); // before reading body, which claiming may replace
        SHORT.set(body, at, (short)value);
    }

    @Override
    public void writeInt(final int value)
    {
        final int at = claim(4); // before reading body, which claiming may replace
        INT.set(body, at, value);
    }

    @Override
    public void writeLong(final long value)
    {
        final int at = claim(8); // before reading body, which claiming may replace
        LONG.set(body, at, value);
    }

    @Override
    public void writeFloat(final float value)
    {
        writeInt(Float.floatToIntBits(value));
    }

    @Override
    public void writeDouble(final double value)
    {
        writeLong(Double.doubleToLongBits(value));
    }

    @Override
    public void writeBytes(final String value) throws IOException
    {
        strings.writeBytes(value);
    }

    @Override
    public void writeChars(final String value) throws IOException
    {
        strings.writeChars(value);
    }

    @Override
    public void writeUTF(final String value) throws IOException
    {
        strings.writeUTF(value);
    }

    private int claim(final int count)
    {
        final int at = length;
        final long end = (long)at + count;
        if (end > body.length)
        {
            grow(end);
        }
        length = (int)end;
        return at;
    }

    private void grow(final long needed)
    {
        if (needed > Integer.MAX_VALUE - 8)
        {
            throw new IllegalStateException("a snapshot of more than 2 GB does not fit in memory: " + needed);
        }
        final long doubled = Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, 2L * body.length));
        final byte[] grown = new byte[(int)doubled];
        System.arraycopy(body, 0, grown, 0, length);
        body = grown;
    }
}
