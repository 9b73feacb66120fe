package io.carbonx.fix.codec;

/**
 * FIX 4.4 message types as the packed int keys of {@link FixMessage#msgTypeKey()}, so that the
 * decode path switches on an int instead of building a String per message.
 */
public final class MsgTypes
{
    public static final int HEARTBEAT = key("0");
    public static final int TEST_REQUEST = key("1");
    public static final int RESEND_REQUEST = key("2");
    public static final int REJECT = key("3");
    public static final int SEQUENCE_RESET = key("4");
    public static final int LOGOUT = key("5");
    public static final int LOGON = key("A");
    public static final int BUSINESS_MESSAGE_REJECT = key("j");

    private MsgTypes()
    {
    }

    /** Packs an ASCII MsgType of at most four characters into an int; distinct types give distinct keys. */
    public static int key(final CharSequence msgType)
    {
        if (msgType.length() == 0 || msgType.length() > 4)
        {
            throw new IllegalArgumentException("MsgType must have 1 to 4 characters: " + msgType);
        }
        int key = 0;
        for (int i = 0; i < msgType.length(); i++)
        {
            key |= (msgType.charAt(i) & 0xFF) << (8 * i);
        }
        return key;
    }

    /** Packs the MsgType bytes; returns 0 (no type) when the value is empty or longer than four bytes. */
    public static int key(final byte[] buffer, final int offset, final int length)
    {
        if (length == 0 || length > 4)
        {
            return 0;
        }
        int key = 0;
        for (int i = 0; i < length; i++)
        {
            key |= (buffer[offset + i] & 0xFF) << (8 * i);
        }
        return key;
    }

    public static String toString(final int key)
    {
        final StringBuilder sb = new StringBuilder(4);
        for (int k = key; k != 0; k >>>= 8)
        {
            sb.append((char) (k & 0xFF));
        }
        return sb.toString();
    }
}
