package io.carbonx.bench.wire;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * The load generator's FIX 4.4 encoder: messages are built from byte templates of their constant parts, with the
 * variable values written as digits, then framed with BodyLength and CheckSum. Nothing is allocated per message.
 */
final class FixEncoder
{
    /** Longest message this encoder writes, with room to spare. */
    static final int MAX_MESSAGE_LENGTH = 512;

    private static final byte[] BEGIN = ascii("8=FIX.4.4\u00019=");
    private static final byte[] CHECKSUM = ascii("10=");
    private static final byte[] SEQ = ascii("\u000134=");
    private static final byte[] NEW_ORDER = ascii("35=D");
    private static final byte[] CANCEL = ascii("35=F");
    private static final byte[] LOGON = ascii("35=A");
    private static final byte[] LOGOUT = ascii("35=5");
    private static final byte[] LOGON_BODY = ascii("\u000198=0\u0001108=");
    private static final byte[] CL_ORD_ID = ascii("11=");
    private static final byte[] ORIG_CL_ORD_ID = ascii("\u000141=");
    private static final byte[] ACCOUNT = ascii("\u00011=");
    private static final byte[] SIDE = ascii("\u000154=");
    private static final byte[] TRANSACT_TIME = ascii("\u000160=");
    private static final byte[] QUANTITY = ascii("\u000138=");
    private static final byte[] LIMIT_GTC_PRICE = ascii("\u000140=2\u000159=1\u000144=");

    private final byte[] senderTime;
    private final byte[] target;
    private final byte[] symbol;
    private final byte[] body = new byte[MAX_MESSAGE_LENGTH];
    private final AsciiWriter bodyWriter = new AsciiWriter();
    private final AsciiWriter frameWriter = new AsciiWriter();

    /**
     * @param senderCompId this side's CompID.
     * @param targetCompId the exchange's CompID.
     * @param symbol       the one instrument orders are for.
     */
    FixEncoder(final String senderCompId, final String targetCompId, final String symbol)
    {
        this.senderTime = ascii("\u000149=" + senderCompId + "\u000152=");
        this.target = ascii("\u000156=" + targetCompId + "\u0001");
        this.symbol = ascii("\u000155=" + symbol);
    }

    int logon(final byte[] out, final int offset, final int seqNum, final byte[] sendingTime, final int heartBtInt)
    {
        header(LOGON, seqNum, sendingTime);
        bodyWriter.put(LOGON_BODY, 1, LOGON_BODY.length - 1).putNatural(heartBtInt).put(AsciiWriter.SOH);
        return frame(out, offset);
    }

    int logout(final byte[] out, final int offset, final int seqNum, final byte[] sendingTime)
    {
        header(LOGOUT, seqNum, sendingTime);
        return frame(out, offset);
    }

    /**
     * A GTC limit NewOrderSingle; TransactTime is the SendingTime.
     */
    int newOrder(
        final byte[] out, final int offset, final int seqNum, final byte[] sendingTime, final long clOrdId,
        final long account, final byte side, final long quantity, final long price)
    {
        header(NEW_ORDER, seqNum, sendingTime);
        bodyWriter.put(CL_ORD_ID).putNatural(clOrdId)
            .put(ACCOUNT).putNatural(account)
            .put(symbol)
            .put(SIDE).put(side)
            .put(TRANSACT_TIME).put(sendingTime)
            .put(QUANTITY).putNatural(quantity)
            .put(LIMIT_GTC_PRICE).putPrice(price)
            .put(AsciiWriter.SOH);
        return frame(out, offset);
    }

    int cancel(
        final byte[] out, final int offset, final int seqNum, final byte[] sendingTime, final long clOrdId,
        final long origClOrdId, final long account, final byte side, final long quantity)
    {
        header(CANCEL, seqNum, sendingTime);
        bodyWriter.put(CL_ORD_ID).putNatural(clOrdId)
            .put(ORIG_CL_ORD_ID).putNatural(origClOrdId)
            .put(ACCOUNT).putNatural(account)
            .put(symbol)
            .put(SIDE).put(side)
            .put(TRANSACT_TIME).put(sendingTime)
            .put(QUANTITY).putNatural(quantity)
            .put(AsciiWriter.SOH);
        return frame(out, offset);
    }

    private void header(final byte[] msgType, final int seqNum, final byte[] sendingTime)
    {
        bodyWriter.wrap(body, 0).put(msgType).put(SEQ).putNatural(seqNum).put(senderTime).put(sendingTime).put(target);
    }

    private int frame(final byte[] out, final int offset)
    {
        final int bodyLength = bodyWriter.position();
        frameWriter.wrap(out, offset).put(BEGIN).putNatural(bodyLength).put(AsciiWriter.SOH).put(body, 0, bodyLength);
        int sum = 0;
        for (int i = offset; i < frameWriter.position(); i++)
        {
            sum += out[i];
        }
        frameWriter.put(CHECKSUM).putCheckSum(sum).put(AsciiWriter.SOH);
        return frameWriter.position() - offset;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(US_ASCII);
    }
}
