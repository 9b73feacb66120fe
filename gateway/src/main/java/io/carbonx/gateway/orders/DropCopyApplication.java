package io.carbonx.gateway.orders;

import io.carbonx.fix.FixApplication;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.MessageBody;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixValues.BusinessRejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application of the read-only drop-copy sessions ({@link DropCopy}): what they are sent is copied by the reports
 * ({@link ReportDelivery#copy}); every application message they send is refused with a BusinessMessageReject,
 * BusinessRejectReason (380) 6 (not authorized), and goes no further: nothing a drop copy sends reaches the engine or
 * market data. Also the session-side end of the copies' store confirmations, which it gives to their delivery.
 * <p>
 * Stateless but for the delivery it forwards to; every callback runs on a drop-copy session's event loop.
 */
public final class DropCopyApplication implements FixApplication
{
    private static final Logger LOG = LoggerFactory.getLogger(DropCopyApplication.class);

    private final ReportDelivery delivery;

    /**
     * @param reports whose delivery copies the ExecutionReports to the drop copies.
     */
    public DropCopyApplication(final ExecutionReports reports)
    {
        this.delivery = reports.delivery();
    }

    @Override
    public void onLogon(final FixSession session)
    {
        LOG.info("drop copy {} logged on", session.id());
    }

    /**
     * Refuses the message; allocates, which a refusal of a message a drop copy should never send may.
     */
    @Override
    public void onMessage(final FixSession session, final FixMessage message)
    {
        OrderMessages.answer(session, OrderMessages.businessReject(new MessageBody(), message,
            BusinessRejectReason.NOT_AUTHORIZED, "drop-copy session is read-only: MsgType " + message.msgType() +
            " refused"));
    }

    @Override
    public void onOutboundStored(final FixSession session, final long tag)
    {
        final int index = delivery.indexOf(session.id());
        if (index >= 0)
        {
            delivery.onStored(index, session, tag);
        }
    }

    @Override
    public void onOutboundFailed(final FixSession session, final long tag, final Exception cause)
    {
        final int index = delivery.indexOf(session.id());
        if (index >= 0)
        {
            delivery.onFailed(index, session, tag, cause);
        }
    }

    @Override
    public void onLogout(final FixSession session)
    {
        LOG.info("drop copy {} logged out", session.id());
    }
}
