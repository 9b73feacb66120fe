package io.carbonx.fix.codec;

import org.agrona.collections.Int2ObjectHashMap;

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
    public static final int NEW_ORDER_SINGLE = key("D");
    public static final int ORDER_CANCEL_REQUEST = key("F");
    public static final int ORDER_CANCEL_REPLACE_REQUEST = key("G");

    /**
     * One String per MsgType FIX 4.4 can have (a printable character, or an upper-case letter and a letter or digit),
     * so that {@link FixMessage#msgType()} makes none per message. Filled once, then only read: safe to share.
     */
    private static final Int2ObjectHashMap<String> NAMES = new Int2ObjectHashMap<>();

    static
    {
        for (char c = '!'; c <= '~'; c++)
        {
            final String name = String.valueOf(c);
            NAMES.put(key(name), name);
        }
        final String seconds = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (char first = 'A'; first <= 'Z'; first++)
        {
            for (int i = 0; i < seconds.length(); i++)
            {
                final String name = new String(new char[] {first, seconds.charAt(i)});
                NAMES.put(key(name), name);
            }
        }
    }

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

    /** The MsgType of these bytes as a shared String, without allocating for any FIX 4.4 type. */
    public static String name(final byte[] buffer, final int offset, final int length)
    {
        final String name = NAMES.get(key(buffer, offset, length));
        return name != null ? name : new String(buffer, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1);
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
