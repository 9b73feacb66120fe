package io.carbonx.fix.codec;

/**
 * Renders FIX bytes for a log line or an error text: fields separated by {@code |}, and the values
 * of Password (554) and NewPassword (925) replaced by {@code ***}, so that no credential reaches a
 * log file. Works on raw bytes, not on a parsed message, because the messages worth logging are
 * often the ones that do not parse.
 */
public final class FixLogText
{
    static final String MASK = "***";
    private static final int[] SECRET_TAGS = {FixTags.PASSWORD, FixTags.NEW_PASSWORD};

    private FixLogText()
    {
    }

    /** The whole frame behind a message view. */
    public static String render(final FixMessage message)
    {
        return render(message.buffer(), message.offset(), message.length());
    }

    /** Any bytes, a frame or part of one. */
    public static String render(final byte[] bytes, final int offset, final int length)
    {
        final StringBuilder text = new StringBuilder(length);
        final int end = offset + length;
        int fieldStart = offset;
        while (fieldStart < end)
        {
            int fieldEnd = fieldStart;
            while (fieldEnd < end && bytes[fieldEnd] != FixMessage.SOH)
            {
                fieldEnd++;
            }
            final int valueStart = secretValueStart(bytes, fieldStart, fieldEnd);
            final int shownEnd = valueStart < 0 ? fieldEnd : valueStart;
            for (int i = fieldStart; i < shownEnd; i++)
            {
                text.append((char) (bytes[i] & 0xFF));
            }
            if (valueStart >= 0)
            {
                text.append(MASK);
            }
            if (fieldEnd < end)
            {
                text.append('|');
            }
            fieldStart = fieldEnd + 1;
        }
        return text.toString();
    }

    /** Where the value starts if the field in [start, end) has a secret tag, else -1. */
    private static int secretValueStart(final byte[] bytes, final int start, final int end)
    {
        int tag = 0;
        int p = start;
        while (p < end && p - start < 9 && bytes[p] >= '0' && bytes[p] <= '9')
        {
            tag = tag * 10 + (bytes[p] - '0');
            p++;
        }
        if (p == start || p == end || bytes[p] != '=')
        {
            return -1;
        }
        for (final int secret : SECRET_TAGS)
        {
            if (tag == secret)
            {
                return p + 1;
            }
        }
        return -1;
    }
}
