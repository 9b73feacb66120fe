package io.carbonx.reports;

/**
 * Where the report endpoints get reports: {@link Reports}, which replays the journal and remembers closed days.
 */
public interface ReportSource
{
    /**
     * @return the report if it is known without a build (a closed day's or year's, built before), else null.
     */
    Reports.Result cached(String kind, int date, long threshold);

    /**
     * Build a report, which may take long (a journal replay).
     *
     * @param date yyyymmdd, or 0 for the open day; the year for a yearly report.
     */
    Reports.Result build(String kind, int date, long threshold);
}
