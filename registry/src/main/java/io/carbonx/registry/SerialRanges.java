package io.carbonx.registry;

/**
 * A read-only, ordered list of serial-number ranges [start, end], both ends inclusive.
 * <p>
 * Each unit of an instrument carries one serial number, unique within the instrument, so a range identifies the
 * tonnes it covers from issuance to retirement, cancellation or surrender.
 */
public interface SerialRanges
{
    /**
     * No ranges at all.
     */
    SerialRanges NONE = new SerialRanges()
    {
        public int rangeCount()
        {
            return 0;
        }

        public long rangeStart(final int index)
        {
            throw new IndexOutOfBoundsException("no ranges");
        }

        public long rangeEnd(final int index)
        {
            throw new IndexOutOfBoundsException("no ranges");
        }

        public long unitCount()
        {
            return 0;
        }
    };

    /**
     * @return how many ranges there are.
     */
    int rangeCount();

    /**
     * @param index of a range, 0 for the first.
     * @return the first serial number of the range.
     */
    long rangeStart(int index);

    /**
     * @param index of a range, 0 for the first.
     * @return the last serial number of the range.
     */
    long rangeEnd(int index);

    /**
     * @return the number of serial numbers in all the ranges, one per unit.
     */
    long unitCount();
}
