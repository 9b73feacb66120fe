package io.carbonx.fix.session;

/**
 * Decides, from the times of the last message sent and received, whether a session owes a
 * Heartbeat, should probe the counterparty with a TestRequest, or has lost it. The thresholds are
 * QuickFIX's, which counterparties are tuned to: a TestRequest after 1.5 intervals of silence (3.0
 * after one went unanswered), a disconnect after 2.4.
 */
final class HeartbeatMonitor
{
    enum Action
    {
        NONE, HEARTBEAT, TEST_REQUEST, TIMEOUT
    }

    private long intervalMillis;
    private long lastSentMillis;
    private long lastReceivedMillis;
    private int unansweredTestRequests;

    void start(final int heartbeatSeconds, final long nowMillis)
    {
        intervalMillis = heartbeatSeconds * 1000L;
        lastSentMillis = nowMillis;
        lastReceivedMillis = nowMillis;
        unansweredTestRequests = 0;
    }

    void onSent(final long nowMillis)
    {
        lastSentMillis = nowMillis;
    }

    /** Anything received proves the counterparty alive and answers an outstanding TestRequest. */
    void onReceived(final long nowMillis)
    {
        lastReceivedMillis = nowMillis;
        unansweredTestRequests = 0;
    }

    Action poll(final long nowMillis)
    {
        if (intervalMillis == 0)
        {
            return Action.NONE;
        }
        final long silence = nowMillis - lastReceivedMillis;
        if (silence * 10 >= intervalMillis * 24)
        {
            return Action.TIMEOUT;
        }
        if (silence * 2 >= intervalMillis * 3L * (unansweredTestRequests + 1))
        {
            unansweredTestRequests++;
            return Action.TEST_REQUEST;
        }
        if (nowMillis - lastSentMillis >= intervalMillis && unansweredTestRequests == 0)
        {
            return Action.HEARTBEAT;
        }
        return Action.NONE;
    }
}
