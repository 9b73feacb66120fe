package io.carbonx.reports.store;

import io.carbonx.reports.surveillance.Alert;
import io.carbonx.reports.surveillance.AlertListener;
import io.carbonx.reports.surveillance.Figure;

import java.util.ArrayList;
import java.util.List;

/**
 * The surveillance monitor's alerts as the store's {@code alerts} rows, added to the batch of the command that raised
 * them (so they commit in its transaction, with its progress row), and handed on to the server's listener only once
 * that batch is committed: an alert a regulator has seen is always in the store, and a restart neither loses nor
 * repeats one. While the follower recovers (replaying commands the store already holds, to rebuild the monitor's
 * windows) the alerts are not written again but handed on at once, so the server's alert book holds them again.
 * <p>
 * Written only by the follower's thread (see {@link AnalyticsFollower}).
 */
final class AlertRows implements AlertListener
{
    private final RowBatch batch;
    private final AlertListener published;
    private final List<Alert> pending = new ArrayList<>();
    private boolean recovering;
    private long sequence = -1;
    private int index;

    AlertRows(final RowBatch batch, final AlertListener published)
    {
        this.batch = batch;
        this.published = published;
    }

    void recovering(final boolean replaying)
    {
        recovering = replaying;
    }

    @Override
    public void onAlert(final Alert alert)
    {
        if (recovering)
        {
            published.onAlert(alert);
            return;
        }
        if (alert.sequence() != sequence)
        {
            sequence = alert.sequence();
            index = 0;
        }
        batch.add("alerts", alert.sequence(), index++, alert.time(), alert.kind().name(), alert.instrumentId(),
            alert.instrument(), accounts(alert), alert.brokerId() == 0 ? null : alert.brokerId(), alert.detail(),
            figures(alert));
        pending.add(alert);
    }

    /**
     * The batch is committed: hand its alerts on, in the order they were raised.
     */
    void published()
    {
        if (pending.isEmpty())
        {
            return;
        }
        published.onAlerts(List.copyOf(pending));
        pending.clear();
    }

    /**
     * @return the accounts as a JSON array, e.g. {@code [3001,3002]}.
     */
    static String accounts(final Alert alert)
    {
        final StringBuilder json = new StringBuilder("[");
        for (final Long account : alert.accounts())
        {
            json.append(json.length() > 1 ? "," : "").append(account.longValue());
        }
        return json.append(']').toString();
    }

    /**
     * @return the figures as a JSON object of fixed-point integers, as the store keeps every amount (a price in 0.01
     * currency units), e.g. {@code {"tradeId":7,"price":10840,"quantity":10,...}}; names are the rule's identifiers.
     */
    static String figures(final Alert alert)
    {
        final StringBuilder json = new StringBuilder("{");
        for (final Figure figure : alert.figures())
        {
            json.append(json.length() > 1 ? "," : "").append('"').append(figure.name()).append("\":")
                .append(figure.value());
        }
        return json.append('}').toString();
    }
}
