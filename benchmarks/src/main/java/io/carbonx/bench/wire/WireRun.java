package io.carbonx.bench.wire;

import java.util.Locale;

/**
 * The figures of one run at one rate. Latencies are in microseconds, from the time each measured message was meant to
 * be sent to the first ExecutionReport (or OrderCancelReject) answering it.
 *
 * @param sessions         FIX sessions the rate was spread over.
 * @param rate             messages per second asked for, over all the sessions.
 * @param measured         messages in the measured window.
 * @param achieved         measured messages per second, from the first one's intended send time to the last answer.
 * @param refusals         session Rejects, BusinessMessageRejects, OrderCancelRejects, rejected orders and Logouts the
 *                         generator did not ask for.
 * @param missing          messages of the run never answered.
 * @param sendLagP99Micros 99th percentile of how late the generator sent what was due (part of the latency): a high
 *                         value means the generator, not the exchange, could not keep the schedule.
 * @param firstRefusal     the first refusal received, or null.
 */
public record WireRun(
    int sessions,
    int rate,
    long measured,
    double p50Micros,
    double p99Micros,
    double p999Micros,
    double maxMicros,
    double achieved,
    long refusals,
    long missing,
    double sendLagP99Micros,
    String firstRefusal)
{
    /**
     * Whether the exchange kept up: every message answered without a refusal, at least {@code minAchievedShare} of the
     * rate achieved and the 99th percentile within the bound.
     */
    public boolean sustained(final double minAchievedShare, final double p99BoundMicros)
    {
        return refusals == 0 && missing == 0 && achieved >= minAchievedShare * rate && p99Micros <= p99BoundMicros;
    }

    String fields()
    {
        return String.format(Locale.ROOT,
            "sessions=%d rate=%d p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f achieved=%.0f",
            sessions, rate, p50Micros, p99Micros, p999Micros, maxMicros, achieved);
    }
}
