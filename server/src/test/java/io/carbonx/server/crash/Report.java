package io.carbonx.server.crash;

import quickfix.FieldNotFound;
import quickfix.Message;

import java.math.BigDecimal;

/**
 * What a member learnt from one message the exchange sent it: an ExecutionReport (8), an OrderCancelReject (9), a
 * BusinessMessageReject (j) or a session Reject (3). Prices are in 0.01 units, quantities in tonnes, parsed exactly.
 *
 * @param msgType   35.
 * @param execType  150 of an ExecutionReport, else 0.
 * @param ordStatus 39, or 0.
 * @param orderId   37, or null.
 * @param clOrdId   11, or null.
 * @param lastQty   32, or 0.
 * @param lastPx    31 in 0.01 units, or 0.
 * @param cumQty    14, or -1 when absent.
 * @param refSeqNum 45 of a reject, or 0: the MsgSeqNum of the message it refuses.
 * @param seqNum    34 of this message.
 * @param text      58, or null.
 */
record Report(
    char msgType,
    char execType,
    char ordStatus,
    String orderId,
    String clOrdId,
    long lastQty,
    long lastPx,
    long cumQty,
    int refSeqNum,
    int seqNum,
    String text)
{
    static Report of(final Message message) throws FieldNotFound
    {
        final char msgType = message.getHeader().getString(35).charAt(0);
        return new Report(
            msgType,
            message.isSetField(150) ? message.getChar(150) : 0,
            message.isSetField(39) ? message.getChar(39) : 0,
            message.isSetField(37) ? message.getString(37) : null,
            message.isSetField(11) ? message.getString(11) : null,
            message.isSetField(32) ? exact(message.getString(32), 0) : 0,
            message.isSetField(31) ? exact(message.getString(31), 2) : 0,
            message.isSetField(14) ? exact(message.getString(14), 0) : -1,
            message.isSetField(45) ? message.getInt(45) : 0,
            message.getHeader().getInt(34),
            message.isSetField(58) ? message.getString(58) : null);
    }

    /**
     * @return the order id this report is about, when the exchange gave one (not {@code NONE}).
     */
    Long engineOrderId()
    {
        if (orderId == null)
        {
            return null;
        }
        try
        {
            return Long.parseLong(orderId);
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    boolean isStatusAnswer()
    {
        return msgType == '8' && execType == 'I';
    }

    /**
     * @return how this report counts against the engine's events of its order ({@link EngineOrder#expectedReports}).
     */
    String eventKey()
    {
        if (msgType == '9')
        {
            return EngineOrder.CANCEL_REJECTED;
        }
        return switch (execType)
        {
            case '0' -> EngineOrder.NEW;
            case 'F' -> EngineOrder.fill(lastQty, lastPx);
            case '4' -> EngineOrder.CANCELED;
            case 'C' -> EngineOrder.EXPIRED;
            case '5' -> EngineOrder.REPLACED;
            case '8' -> EngineOrder.REJECTED;
            default -> "ExecType " + execType;
        };
    }

    private static long exact(final String text, final int scale)
    {
        return new BigDecimal(text).movePointRight(scale).longValueExact();
    }
}
