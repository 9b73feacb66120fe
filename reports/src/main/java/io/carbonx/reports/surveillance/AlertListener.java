package io.carbonx.reports.surveillance;

import java.util.List;

/**
 * Receives the alerts of a {@link SurveillanceMonitor}, in the order the monitor raises them, on the thread that feeds
 * the monitor its events.
 */
@FunctionalInterface
public interface AlertListener
{
    void onAlert(Alert alert);

    /**
     * Several alerts at once, in order (the analytic store's follower hands on each committed batch's alerts so): a
     * listener that others read may take them in one step, so no reader sees part of a command's alerts.
     */
    default void onAlerts(final List<Alert> alerts)
    {
        for (final Alert alert : alerts)
        {
            onAlert(alert);
        }
    }
}
