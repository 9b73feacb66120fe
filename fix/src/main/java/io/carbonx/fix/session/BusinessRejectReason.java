package io.carbonx.fix.session;

/** BusinessRejectReason (380) values of FIX 4.4 that the gateway sends. */
public final class BusinessRejectReason
{
    public static final int OTHER = 0;
    public static final int UNSUPPORTED_MESSAGE_TYPE = 3;
    public static final int APPLICATION_NOT_AVAILABLE = 4;
    public static final int NOT_AUTHORIZED = 6;

    private BusinessRejectReason()
    {
    }
}
