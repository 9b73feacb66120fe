package io.carbonx.reports;

import io.carbonx.protocol.EngineEventHandler;
import io.carbonx.protocol.Fields;

/**
 * One report, computed by folding the events of a journal replay: the replay hands each event, in order, to the typed
 * {@link EngineEventHandler} method a fold implements, and tells the fold where each trading day ends; see
 * {@link JournalReports} for the rule that dates events.
 */
public interface ReportFold extends EngineEventHandler
{
    /**
     * The events since the previous day end belong to this day.
     *
     * @param date    yyyymmdd, or 0 for the day still open at the end of the journal.
     * @param opening every account's balances when the day began.
     * @param closing every account's balances when it ended.
     */
    void onDayEnd(int date, Balances opening, Balances closing);

    /**
     * @return the report for one day, or null when the journal has no such day.
     */
    Table table(int date);

    /**
     * @return how reports name a day: yyyy-mm-dd, or "open" for 0, the day still open.
     */
    static String dateText(final int date)
    {
        return date == 0 ? "open" : Fields.formatDate(date);
    }
}
