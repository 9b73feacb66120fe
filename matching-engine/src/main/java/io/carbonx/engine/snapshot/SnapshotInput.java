package io.carbonx.engine.snapshot;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a snapshot's body held in memory, as {@link DataInputStream} would read it from a stream: loading a snapshot
 * reads millions of small fields, and a stream pays a call through its buffering for each. Used by the thread that
 * loads the snapshot only.
 */
public final class SnapshotInput implements DataInput
{
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;
    private final int end;
    private int position;

    /**
     * @param bytes  holding the body.
     * @param offset of the body's first byte.
     * @param length of the body.
     */
    public SnapshotInput(final byte[] bytes, final int offset, final int length)
    {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    /**
     * @return bytes of the body not read yet.
     */
    public int remaining()
    {
        return end - position;
    }

    @Override
    public void readFully(final byte[] target) throws IOException
    {
        readFully(target, 0, target.length);
    }

    @Override
    public void readFully(final byte[] target, final int offset, final int length) throws IOException
    {
        System.arraycopy(bytes, take(length), target, offset, length);
    }

    @Override
    public int skipBytes(final int count)
    {
        final int skipped = Math.max(0, Math.min(count, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public boolean readBoolean() throws IOException
    {
        return bytes[take(1)] != 0;
    }

    @Override
    public byte readByte() throws IOException
    {
        return bytes[take(1)];
    }

    @Override
    public int readUnsignedByte() throws IOException
    {
        return bytes[take(1)] & 0xFF;
    }

    @Override
    public short readShort() throws IOException
    {
        return (short)SHORT.get(bytes, take(2));
    }

    @Override
    public int readUnsignedShort() throws IOException
    {
        return readShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws IOException
    {
        return (char)readShort();
    }

    @Override
    public int readInt() throws IOException
    {
        return (int)INT.get(bytes, take(4));
    }

    @Override
    public long readLong() throws IOException
    {
        return (long)LONG.get(bytes, take(8));
    }

    @Override
    public float readFloat() throws IOException
    {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException
    {
        return Double.longBitsToDouble(readLong());
    }

    /**
     * Not used by snapshots, and deprecated in {@link DataInputStream} for not converting bytes to characters properly.
     */
    @Override
    public String readLine()
    {
        throw new UnsupportedOperationException("snapshots hold no lines");
    }

    @Override
    public String readUTF() throws IOException
    {
        return DataInputStream.readUTF(this);
    }

    private int take(final int count) throws EOFException
    {
        final int at = position;
        if (count > end - at)
        {
            throw new EOFException("the snapshot ends " + (end - at) + " bytes after this point, " + count + " needed");
        }
        position = at + count;
        return at;
    }
}
