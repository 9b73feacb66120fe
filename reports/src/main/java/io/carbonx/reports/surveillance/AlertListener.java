package io.carbonx.reports.surveillance;

/**
 * Receives the alerts of a {@link SurveillanceMonitor}, in the order the monitor raises them, on the thread that feeds
 * the monitor its events.
 */
@FunctionalInterface
public interface AlertListener
{
    void onAlert(Alert alert);
}
