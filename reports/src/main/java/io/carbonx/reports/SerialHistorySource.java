package io.carbonx.reports;

/**
 * Where {@code GET /serials/{instrument}/{serial}} gets a tonne's history: {@link Reports}, by a journal replay.
 */
public interface SerialHistorySource
{
    /**
     * @param instrumentId a listed instrument's id.
     * @param serial       any serial number.
     */
    SerialHistory serialHistory(int instrumentId, long serial);
}
