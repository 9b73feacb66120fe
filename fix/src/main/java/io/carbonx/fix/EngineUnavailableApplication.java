package io.carbonx.fix;

import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixTags;

/**
 * A stand-in for the exchange while no engine is plugged in: every valid application message gets
 * a BusinessMessageReject with BusinessRejectReason 4 (application not available), which any FIX
 * client handles and none mistakes for an order being worked.
 */
public final class EngineUnavailableApplication implements FixApplication
{
    private static final int APPLICATION_NOT_AVAILABLE = 4;

    @Override
    public void onMessage(final FixSession session, final FixMessage message)
    {
        final ApplicationMessage.Builder reject = ApplicationMessage.builder("j")
                .add(FixTags.REF_SEQ_NUM, message.msgSeqNum())
                .add(FixTags.REF_MSG_TYPE, message.msgType())
                .add(FixTags.BUSINESS_REJECT_REASON, APPLICATION_NOT_AVAILABLE)
                .add(FixTags.TEXT, "not connected to an engine yet");
        final String clOrdId = message.getString(FixTags.CL_ORD_ID);
        if (clOrdId != null)
        {
            reject.add(FixTags.BUSINESS_REJECT_REF_ID, clOrdId);
        }
        session.send(reject.build());
    }
}
