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

    /**
     * Sends an application message without allocating: the body is copied into the session's outbound queue and the
     * session's event loop gives it the next MsgSeqNum, stores it and writes it, in batches. For a producer that
     * reports on every event (the engine's listener threads); callable from any thread.
     * <p>
     * Once the message is stored the session tells its {@link FixApplication} on its event loop:
     * {@link FixApplication#onOutboundStored} with {@code tag}, or {@link FixApplication#onOutboundFailed} when the
     * store refused it (the message is then not sent and the session logs out with the reason). A negative tag asks
     * for no word back.
     *
     * @param body the message; the session copies it before this returns, so the caller may reuse it at once.
     * @param tag  the producer's number for the message, e.g. the command sequence it reports, given back as is.
     * @return false when the outbound queue is full: nothing was taken, offer it again later.
     */
    default boolean offer(final MessageBody body, final long tag)
    {
        send(body.toMessage());
        return true;
    }

    /**
     * On this session's event loop only: takes what producers have offered to the sessions this event loop serves, and
     * numbers, stores and writes it now. For an application that must wait, on the event loop, for something those
     * producers hold up: the engine's command ring is full while the engine's listener waits for room in these
     * sessions' outbound queues, which only this loop drains. Calling this while it waits means neither waits for the
     * other for ever.
     *
     * @throws IllegalStateException when called from another thread.
     */
    default void pollOutbound()
    {
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
