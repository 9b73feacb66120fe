package io.carbonx.gateway.fix;

/** A configured FIX session, as the application sees it. */
public interface FixSession {
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
}
