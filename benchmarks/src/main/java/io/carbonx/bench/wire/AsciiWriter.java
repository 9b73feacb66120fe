package io.carbonx.bench.wire;

/**
 * Writes FIX text into a byte array it does not own: bytes, decimal integers and fixed-point prices, without
 * allocating.
 */
final class AsciiWriter
{
    static final byte SOH = 1;

    private byte[] buffer;
    private int position;

    AsciiWriter wrap(final byte[] buffer, final int position)
    {
        this.buffer = buffer;
        this.position = position;
        return this;
    }

    int position()
    {
        return position;
    }

    AsciiWriter put(final byte[] bytes)
    {
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
        return this;
    }

    AsciiWriter put(final byte[] bytes, final int offset, final int length)
    {
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
        return this;
    }

    AsciiWriter put(final byte value)
    {
        buffer[position++] = value;
        return this;
    }

    AsciiWriter putNatural(final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("negative: " + value);
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10)
        {
            digits++;
        }
        long rest = value;
        for (int i = position + digits - 1; i >= position; i--)
        {
            buffer[i] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        position += digits;
        return this;
    }

    /**
     * @param hundredths a price in 0.01 units, written with two decimals.
     */
    AsciiWriter putPrice(final long hundredths)
    {
        putNatural(hundredths / 100);
        buffer[position++] = '.';
        final long cents = hundredths % 100;
        buffer[position++] = (byte)('0' + cents / 10);
        buffer[position++] = (byte)('0' + cents % 10);
        return this;
    }

    /**
     * A FIX CheckSum: the byte sum modulo 256, as three digits.
     */
    AsciiWriter putCheckSum(final int sum)
    {
        final int value = sum & 0xFF;
        buffer[position++] = (byte)('0' + value / 100);
        buffer[position++] = (byte)('0' + value / 10 % 10);
        buffer[position++] = (byte)('0' + value % 10);
        return this;
    }
}
