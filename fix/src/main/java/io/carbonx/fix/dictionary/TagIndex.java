package io.carbonx.fix.dictionary;

import java.util.Arrays;

/**
 * An immutable map from tag to a small int (a field's position in its scope), held as two sorted
 * arrays: compact, cache friendly, and a lookup is a binary search with no boxing.
 */
final class TagIndex
{
    private final int[] tags;
    private final int[] values;

    /** @param tagsInOrder distinct tags; each maps to its index in this array */
    TagIndex(final int[] tagsInOrder)
    {
        final int n = tagsInOrder.length;
        final long[] packed = new long[n];
        for (int i = 0; i < n; i++)
        {
            packed[i] = ((long) tagsInOrder[i] << 32) | i;
        }
        Arrays.sort(packed);
        tags = new int[n];
        values = new int[n];
        for (int i = 0; i < n; i++)
        {
            tags[i] = (int) (packed[i] >> 32);
            values[i] = (int) packed[i];
        }
    }

    /** The value for tag, or -1 when the tag is not in the index. */
    int get(final int tag)
    {
        final int i = Arrays.binarySearch(tags, tag);
        return i < 0 ? -1 : values[i];
    }

    boolean contains(final int tag)
    {
        return Arrays.binarySearch(tags, tag) >= 0;
    }

    int size()
    {
        return tags.length;
    }
}
