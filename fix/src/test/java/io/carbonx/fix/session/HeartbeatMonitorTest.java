package io.carbonx.fix.session;

import org.junit.jupiter.api.Test;

import static io.carbonx.fix.session.HeartbeatMonitor.Action.HEARTBEAT;
import static io.carbonx.fix.session.HeartbeatMonitor.Action.NONE;
import static io.carbonx.fix.session.HeartbeatMonitor.Action.TEST_REQUEST;
import static io.carbonx.fix.session.HeartbeatMonitor.Action.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HeartbeatMonitorTest
{
    private final HeartbeatMonitor monitor = new HeartbeatMonitor();

    @Test
    void heartbeatsWhenWeHaveBeenSilentForAnInterval()
    {
        monitor.start(6, 0);
        assertEquals(NONE, monitor.poll(5_999));
        assertEquals(HEARTBEAT, monitor.poll(6_000));
        monitor.onSent(6_000);
        monitor.onReceived(6_000);
        assertEquals(NONE, monitor.poll(11_000));
    }

    @Test
    void probesThenGivesUpOnASilentCounterparty()
    {
        monitor.start(6, 0);
        monitor.onSent(8_000);
        assertEquals(TEST_REQUEST, monitor.poll(9_000));
        monitor.onSent(9_000);
        assertEquals(NONE, monitor.poll(14_000));
        assertEquals(TIMEOUT, monitor.poll(14_400));
    }

    @Test
    void anAnswerClearsTheProbe()
    {
        monitor.start(6, 0);
        assertEquals(TEST_REQUEST, monitor.poll(9_000));
        monitor.onSent(9_000);
        monitor.onReceived(9_500);
        assertEquals(HEARTBEAT, monitor.poll(15_000));
    }

    @Test
    void zeroIntervalMeansNoHeartbeats()
    {
        monitor.start(0, 0);
        assertEquals(NONE, monitor.poll(1_000_000));
    }
}
