package io.carbonx.fix;

import io.carbonx.fix.codec.FixMessage;

/**
 * The seam between the FIX session layer and the exchange. Every callback runs on the session's
 * event loop, so it must not block; hand work to the engine and return.
 */
public interface FixApplication
{
    /** The counterparty has logged on; messages may flow. */
    default void onLogon(final FixSession session)
    {
    }

    /**
     * A valid, in-sequence application message of a supported type. The view points into the
     * receive buffer and is reused as soon as this returns: copy what must outlive the call.
     * A business-level refusal is the application's to send (e.g. a BusinessMessageReject or an
     * ExecutionReport with ExecType=Rejected) through {@link FixSession#send}.
     */
    void onMessage(FixSession session, FixMessage message);

    /**
     * Whether the application checks the Account (1) of messages of this type against
     * {@link FixSessionSettings#isAccountAllowed} itself, to answer a foreign one in kind (an
     * ExecutionReport for an order); otherwise the session refuses it with a BusinessMessageReject.
     */
    default boolean checksAccount(final String msgType)
    {
        return false;
    }

    /**
     * The messages of one read from the connection have all been given to {@link #onMessage}; the session writes its
     * store and flushes its answers next. An application that batches its own work (a log write, a publication)
     * completes it here.
     */
    default void onBatchEnd(final FixSession session)
    {
    }

    /** A message given to {@link FixSession#offer} with this non-negative tag is in the session's store. */
    default void onOutboundStored(final FixSession session, final long tag)
    {
    }

    /**
     * The store refused a message given to {@link FixSession#offer} with this non-negative tag: it was neither stored
     * nor sent, and the session logs out.
     */
    default void onOutboundFailed(final FixSession session, final long tag, final Exception cause)
    {
    }

    /** The session ended, by Logout or by losing its connection; acts on cancel-on-disconnect. */
    default void onLogout(final FixSession session)
    {
    }
}
