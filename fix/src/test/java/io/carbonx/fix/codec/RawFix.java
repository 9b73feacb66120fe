package io.carbonx.fix.codec;

import java.nio.charset.StandardCharsets;

/** Builds wire-format FIX 4.4 frames from readable {@code |}-separated fields, as the conformance scripts do. */
public final class RawFix
{
    private RawFix()
    {
    }

    /** {@code "35=0|34=2|..."} framed with BeginString, a correct BodyLength and CheckSum. */
    public static byte[] frame(final String fieldsAfterBodyLength)
    {
        final String body = fieldsAfterBodyLength.replace('|', '\u0001');
        final String head = "8=FIX.4.4\u00019=" + body.length() + "\u0001" + body;
        return (head + "10=" + checksum(head) + "\u0001").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Exactly these fields, BeginString and trailer included, for malformed input. */
    public static byte[] verbatim(final String fields)
    {
        return fields.replace('|', '\u0001').getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String checksum(final String s)
    {
        int sum = 0;
        for (final byte b : s.getBytes(StandardCharsets.ISO_8859_1))
        {
            sum += b & 0xFF;
        }
        return String.format("%03d", sum % 256);
    }

    public static String readable(final byte[] frame, final int offset, final int length)
    {
        return new String(frame, offset, length, StandardCharsets.ISO_8859_1).replace('\u0001', '|');
    }
}
