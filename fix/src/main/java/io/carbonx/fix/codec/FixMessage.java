package io.carbonx.fix.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A flyweight index over one framed FIX message: the tag, value offset and value length of each
 * field in wire order, pointing into the caller's byte array. Wrapping a message allocates nothing
 * once the index arrays have grown to the largest message seen; values are read in place.
 *
 * <p>A view is valid only until it is wrapped again: callbacks that receive one must copy what
 * they keep.
 */
public final class FixMessage
{
    static final byte SOH = 1;
    private static final int MAX_TAG = 99_999_999;

    private byte[] buffer;
    private int offset;
    private int length;
    private int count;
    private int[] tags = new int[64];
    private int[] valueOffsets = new int[64];
    private int[] valueLengths = new int[64];

    /**
     * Indexes {@code length} bytes at {@code offset}, a whole frame from BeginString to CheckSum.
     *
     * @param isDataTag tells which tags carry raw data whose length is given by the field before,
     *                  so that a SOH inside such a value does not end it
     * @return false when the bytes are not a sequence of {@code tag=value<SOH>} fields starting with
     * BeginString, BodyLength and MsgType: a garbled message, to be ignored
     */
    public boolean wrap(final byte[] buffer, final int offset, final int length, final IntPredicate isDataTag)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.count = 0;
        final int end = offset + length;
        int p = offset;
        long previousValue = -1;
        while (p < end)
        {
            final boolean negative = buffer[p] == '-';
            if (negative)
            {
                p++;
            }
            final int tagStart = p;
            int tag = 0;
            while (p < end && buffer[p] != '=')
            {
                final int digit = buffer[p] - '0';
                if (digit < 0 || digit > 9 || tag > MAX_TAG)
                {
                    return false;
                }
                tag = tag * 10 + digit;
                p++;
            }
            if (p == tagStart || p == end)
            {
                return false;
            }
            p++;
            final int valueStart = p;
            if (previousValue >= 0 && previousValue < end - valueStart && isDataTag.test(tag)
                    && buffer[valueStart + (int) previousValue] == SOH)
            {
                p = valueStart + (int) previousValue;
            }
            else
            {
                while (p < end && buffer[p] != SOH)
                {
                    p++;
                }
                if (p == end)
                {
                    return false;
                }
            }
            add(negative ? -tag : tag, valueStart, p - valueStart);
            previousValue = parseNonNegative(buffer, valueStart, p - valueStart);
            p++;
        }
        return count >= 4
                && tags[0] == FixTags.BEGIN_STRING
                && tags[1] == FixTags.BODY_LENGTH
                && tags[2] == FixTags.MSG_TYPE
                && tags[count - 1] == FixTags.CHECKSUM;
    }

    private void add(final int tag, final int valueOffset, final int valueLength)
    {
        if (count == tags.length)
        {
            tags = Arrays.copyOf(tags, count * 2);
            valueOffsets = Arrays.copyOf(valueOffsets, count * 2);
            valueLengths = Arrays.copyOf(valueLengths, count * 2);
        }
        tags[count] = tag;
        valueOffsets[count] = valueOffset;
        valueLengths[count] = valueLength;
        count++;
    }

    public byte[] buffer()
    {
        return buffer;
    }

    public int offset()
    {
        return offset;
    }

    public int length()
    {
        return length;
    }

    /** Number of fields, BeginString to CheckSum included. */
    public int fieldCount()
    {
        return count;
    }

    public int tagAt(final int index)
    {
        return tags[index];
    }

    public int valueOffset(final int index)
    {
        return valueOffsets[index];
    }

    public int valueLength(final int index)
    {
        return valueLengths[index];
    }

    /** Index of the first field with this tag, or -1. */
    public int indexOf(final int tag)
    {
        for (int i = 0; i < count; i++)
        {
            if (tags[i] == tag)
            {
                return i;
            }
        }
        return -1;
    }

    public boolean has(final int tag)
    {
        return indexOf(tag) >= 0;
    }

    /** The MsgType packed as by {@link MsgTypes#key(CharSequence)}. */
    public int msgTypeKey()
    {
        return MsgTypes.key(buffer, valueOffsets[2], valueLengths[2]);
    }

    /** The MsgType, a shared String for every FIX 4.4 type (see {@link MsgTypes#name}): no allocation. */
    public String msgType()
    {
        return MsgTypes.name(buffer, valueOffsets[2], valueLengths[2]);
    }

    /** True when the MsgType is the one of this key ({@link MsgTypes#key(CharSequence)}), e.g. MsgTypes.LOGON. */
    public boolean isMsgType(final int key)
    {
        return msgTypeKey() == key;
    }

    /** MsgSeqNum, or -1 when it is absent, not a number or beyond a FIX SeqNum (0 to 2^31-1, no sign). */
    public int msgSeqNum()
    {
        return getInt(FixTags.MSG_SEQ_NUM, 0, Integer.MAX_VALUE, -1);
    }

    public boolean isPossDup()
    {
        return getChar(FixTags.POSS_DUP_FLAG, 'N') == 'Y';
    }

    /**
     * The integer value of the first field with this tag, or {@code missing} if absent, not an integer
     * (an optional minus and digits) or beyond a long.
     */
    public long getLong(final int tag, final long missing)
    {
        final int index = indexOf(tag);
        if (index < 0)
        {
            return missing;
        }
        final long value = longAt(index);
        return value == FixNumbers.INVALID ? missing : value;
    }

    /**
     * The integer value of the first field with this tag if it lies in [min, max] (a minus sign only when
     * min is negative), otherwise {@code missing}: for ints, where a cast of a long would wrap.
     */
    public int getInt(final int tag, final int min, final int max, final int missing)
    {
        final int index = indexOf(tag);
        if (index < 0)
        {
            return missing;
        }
        final long value = FixNumbers.parseLong(buffer, valueOffsets[index], valueLengths[index], min, max);
        return value == FixNumbers.INVALID ? missing : (int) value;
    }

    /**
     * The integer value at index, or {@link Long#MIN_VALUE} if it is not an optionally signed integer that fits a long.
     */
    public long longAt(final int index)
    {
        return FixNumbers.parseLong(buffer, valueOffsets[index], valueLengths[index]);
    }

    /**
     * The decimal value at index as a fixed-point long with {@code scale} decimal places (2 gives
     * hundredths), or {@link Long#MIN_VALUE} if it is not a decimal, has non-zero digits beyond that
     * many places, or does not fit a long once scaled.
     */
    public long scaledAt(final int index, final int scale)
    {
        return FixNumbers.parseScaled(buffer, valueOffsets[index], valueLengths[index], scale);
    }

    /** The first byte of the value of the first field with this tag, or {@code missing}. */
    public char getChar(final int tag, final char missing)
    {
        final int index = indexOf(tag);
        return index < 0 || valueLengths[index] == 0 ? missing : (char) (buffer[valueOffsets[index]] & 0xFF);
    }

    /** The value of the first field with this tag as a new String, or null. Allocates: not for hot paths. */
    public String getString(final int tag)
    {
        final int index = indexOf(tag);
        return index < 0 ? null : stringAt(index);
    }

    public String stringAt(final int index)
    {
        return new String(buffer, valueOffsets[index], valueLengths[index], StandardCharsets.ISO_8859_1);
    }

    /** True when the value at index is exactly these bytes. */
    public boolean valueEquals(final int index, final byte[] expected)
    {
        return Arrays.equals(buffer, valueOffsets[index], valueOffsets[index] + valueLengths[index],
                expected, 0, expected.length);
    }

    /** A copy of the whole frame, for keeping a message beyond this view's life. */
    public byte[] copyFrame()
    {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    /** The frame for a log line: fields separated by '|', with passwords masked (see {@link FixLogText}). */
    @Override
    public String toString()
    {
        return FixLogText.render(this);
    }

    /** The non-negative decimal in these bytes, or -1 if they are empty or hold anything but digits. */
    static long parseNonNegative(final byte[] b, final int offset, final int length)
    {
        if (length == 0 || length > 18)
        {
            return -1;
        }
        long value = 0;
        for (int i = offset; i < offset + length; i++)
        {
            final int d = b[i] - '0';
            if (d < 0 || d > 9)
            {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
