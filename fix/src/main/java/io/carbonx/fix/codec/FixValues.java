package io.carbonx.fix.codec;

/**
 * FIX 4.4 enumerated field values and application MsgTypes that order entry reads and writes, by their FIX names, so
 * that application code says {@code ExecType.TRADE} rather than {@code 'F'}.
 */
public final class FixValues
{
    private FixValues()
    {
    }

    /** MsgType (35) of the application messages, as {@link io.carbonx.fix.codec.FixMessage#msgType()} gives it. */
    public static final class MsgType
    {
        public static final String EXECUTION_REPORT = "8";
        public static final String ORDER_CANCEL_REJECT = "9";
        public static final String NEW_ORDER_SINGLE = "D";
        public static final String ORDER_CANCEL_REQUEST = "F";
        public static final String ORDER_CANCEL_REPLACE_REQUEST = "G";
        public static final String ORDER_STATUS_REQUEST = "H";
        public static final String BUSINESS_MESSAGE_REJECT = "j";
        public static final String ORDER_MASS_CANCEL_REQUEST = "q";
        public static final String ORDER_MASS_CANCEL_REPORT = "r";
        public static final String NEW_ORDER_CROSS = "s";

        private MsgType()
        {
        }
    }

    /** ExecType (150). */
    public static final class ExecType
    {
        public static final char NEW = '0';
        public static final char CANCELED = '4';
        public static final char REPLACED = '5';
        public static final char REJECTED = '8';
        public static final char EXPIRED = 'C';
        public static final char TRADE = 'F';
        public static final char ORDER_STATUS = 'I';

        private ExecType()
        {
        }
    }

    /** OrdStatus (39). */
    public static final class OrdStatus
    {
        public static final char NEW = '0';
        public static final char PARTIALLY_FILLED = '1';
        public static final char FILLED = '2';
        public static final char CANCELED = '4';
        public static final char REJECTED = '8';
        public static final char PENDING_NEW = 'A';
        public static final char EXPIRED = 'C';

        private OrdStatus()
        {
        }
    }

    /** Side (54). */
    public static final class Side
    {
        public static final char BUY = '1';
        public static final char SELL = '2';

        private Side()
        {
        }
    }

    /** OrdType (40). */
    public static final class OrdType
    {
        public static final char MARKET = '1';
        public static final char LIMIT = '2';

        private OrdType()
        {
        }
    }

    /** TimeInForce (59). */
    public static final class TimeInForce
    {
        public static final char DAY = '0';
        public static final char GOOD_TILL_CANCEL = '1';
        public static final char IMMEDIATE_OR_CANCEL = '3';
        public static final char FILL_OR_KILL = '4';
        public static final char GOOD_TILL_DATE = '6';

        private TimeInForce()
        {
        }
    }

    /** ExecInst (18), a multiple-character value. */
    public static final class ExecInst
    {
        public static final char PARTICIPATE_DONT_INITIATE = '6';

        private ExecInst()
        {
        }
    }

    /** CommType (13). */
    public static final class CommType
    {
        public static final char ABSOLUTE = '3';

        private CommType()
        {
        }
    }

    /** PossDupFlag (43) and other Boolean fields. */
    public static final class Bool
    {
        public static final char YES = 'Y';
        public static final char NO = 'N';

        private Bool()
        {
        }
    }

    /** OrdRejReason (103). */
    public static final class OrdRejReason
    {
        public static final int UNKNOWN_SYMBOL = 1;
        public static final int EXCHANGE_CLOSED = 2;
        public static final int ORDER_EXCEEDS_LIMIT = 3;
        public static final int UNKNOWN_ORDER = 5;
        public static final int DUPLICATE_ORDER = 6;
        public static final int INCORRECT_QUANTITY = 13;
        public static final int UNKNOWN_ACCOUNT = 15;
        public static final int OTHER = 99;

        private OrdRejReason()
        {
        }
    }

    /** CxlRejReason (102). */
    public static final class CxlRejReason
    {
        public static final int TOO_LATE_TO_CANCEL = 0;
        public static final int UNKNOWN_ORDER = 1;
        public static final int OTHER = 99;

        private CxlRejReason()
        {
        }
    }

    /** CxlRejResponseTo (434). */
    public static final class CxlRejResponseTo
    {
        public static final char ORDER_CANCEL_REQUEST = '1';
        public static final char ORDER_CANCEL_REPLACE_REQUEST = '2';

        private CxlRejResponseTo()
        {
        }
    }

    /** MassCancelRequestType (530). */
    public static final class MassCancelRequestType
    {
        public static final char CANCEL_ORDERS_FOR_A_SECURITY = '1';
        public static final char CANCEL_ALL_ORDERS = '7';

        private MassCancelRequestType()
        {
        }
    }

    /** MassCancelResponse (531): the request type when accepted, otherwise this. */
    public static final class MassCancelResponse
    {
        public static final char CANCEL_REQUEST_REJECTED = '0';

        private MassCancelResponse()
        {
        }
    }

    /** MassCancelRejectReason (532). */
    public static final class MassCancelRejectReason
    {
        public static final int NOT_SUPPORTED = 0;
        public static final int INVALID_OR_UNKNOWN_SECURITY = 1;
        public static final int OTHER = 99;

        private MassCancelRejectReason()
        {
        }
    }

    /** BusinessRejectReason (380). */
    public static final class BusinessRejectReason
    {
        public static final int OTHER = 0;
        public static final int UNSUPPORTED_MESSAGE_TYPE = 3;
        public static final int APPLICATION_NOT_AVAILABLE = 4;
        public static final int NOT_AUTHORIZED = 6;

        private BusinessRejectReason()
        {
        }
    }

    /** CrossType (549). */
    public static final class CrossType
    {
        public static final char ALL_OR_NONE = '1';

        private CrossType()
        {
        }
    }
}
