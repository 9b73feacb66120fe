package io.carbonx.fix;

/** A configured FIX session, as the application sees it. */
public interface FixSession
{
    FixSessionId id();

    FixSessionSettings settings();

    /** True between an accepted Logon and the end of the connection. */
    boolean isLoggedOn();

    /**
     * Sends an application message; callable from any thread. The session gives it the next
     * MsgSeqNum, stores it for resend, and writes it on its event loop. A message sent while the
     * counterparty is disconnected is stored only: it is delivered by the ordinary FIX recovery
     * (the counterparty's ResendRequest) when it logs on again.
     */
    void send(ApplicationMessage message);

    /**
     * Sends an application message like {@link #send(ApplicationMessage)}, and tells the sender, on the session's event
     * loop, whether it was stored for resend: an application that must never lose a message learns when it is durable
     * and when the store failed (the session then logs out with the reason, and the message is not sent).
     */
    default void send(final ApplicationMessage message, final Delivery delivery)
    {
        send(message);
        delivery.stored();
    }

    /** What became of one message given to {@link #send(ApplicationMessage, Delivery)}. */
    interface Delivery
    {
        /** The message is in the session's store, so a restart or a ResendRequest can deliver it. */
        void stored();

        /** The store refused the message: it was neither stored nor sent. */
        void failed(Exception cause);
    }
}
