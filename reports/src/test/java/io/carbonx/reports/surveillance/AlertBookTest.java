package io.carbonx.reports.surveillance;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AlertBookTest
{
    @Test
    void pagesFollowSequencesAndNeverSplitACommandsAlerts()
    {
        final AlertBook book = new AlertBook(100);
        book.onAlert(alert(10, AlertKind.LAYERING));
        book.onAlert(alert(12, AlertKind.WASH_TRADE_ATTEMPT));
        book.onAlert(alert(12, AlertKind.PRICE_NEAR_BAND));
        book.onAlert(alert(15, AlertKind.LAYERING));

        assertEquals(List.of(10L), sequences(book.alerts(null, 0, 2)), "stops before command 12's two alerts");
        assertEquals(List.of(12L, 12L), sequences(book.alerts(null, 10, 1)), "a command's alerts all, past the limit");
        assertEquals(List.of(12L, 12L, 15L), sequences(book.alerts(null, 10, 3)));
        assertEquals(List.of(10L, 15L), sequences(book.alerts(AlertKind.LAYERING, 0, 10)));
        assertEquals(List.of(), book.alerts(null, 15, 10));
    }

    @Test
    void aFullBookDropsTheOldest()
    {
        final AlertBook book = new AlertBook(2);
        book.onAlert(alert(1, AlertKind.LAYERING));
        book.onAlert(alert(2, AlertKind.LAYERING));
        book.onAlert(alert(3, AlertKind.LAYERING));
        assertEquals(List.of(2L, 3L), sequences(book.alerts(null, 0, 10)));
        assertEquals(3, book.total());
    }

    /**
     * The live stream reads by position: from the first alert of a command after a sequence, every alert once, and a
     * reader that fell behind the ring starts at the oldest kept (the page's {@code from} shows the gap).
     */
    @Test
    void readingByPositionSeesEveryAlertOnceAndShowsAGap()
    {
        final AlertBook book = new AlertBook(3);
        assertEquals(0, book.positionAfter(0), "nothing yet: the next alert's position");
        book.onAlerts(List.of(alert(10, AlertKind.LAYERING), alert(12, AlertKind.WASH_TRADE_ATTEMPT),
            alert(12, AlertKind.PRICE_NEAR_BAND)));
        assertEquals(1, book.positionAfter(10));
        assertEquals(3, book.positionAfter(12));
        final AlertBook.Page page = book.from(1, 10);
        assertEquals(List.of(12L, 12L), sequences(page.alerts()));
        assertEquals(3, page.next());
        assertEquals(List.of(), book.from(page.next(), 10).alerts());

        book.onAlert(alert(15, AlertKind.LAYERING));
        book.onAlert(alert(16, AlertKind.LAYERING));
        final AlertBook.Page behind = book.from(0, 2);
        assertEquals(2, behind.from(), "positions 0 and 1 were dropped");
        assertEquals(List.of(12L, 15L), sequences(behind.alerts()));
        assertEquals(List.of(16L), sequences(book.from(behind.next(), 2).alerts()));
    }

    @Test
    void jsonShowsPricesAsDecimalTextAndTimeInTheSchemesZone()
    {
        final Alert alert = new Alert(7, 1_735_779_600_000_000_000L, AlertKind.PRICE_NEAR_BAND, 2, "CEA-2025",
            List.of(3001L, 1001L), 1, "near", List.of(Figure.price("price", 101_20), Figure.bps("distanceBps", 3)));
        final Map<String, Object> json = AlertJson.toJson(alert, ZoneId.of("Asia/Shanghai"));
        assertEquals(List.of("sequence", "time", "kind", "instrument", "instrumentId", "accounts", "broker", "detail",
            "price", "distanceBps"), List.copyOf(json.keySet()));
        assertEquals("2025-01-02T09:00:00+08:00", json.get("time"));
        assertEquals("101.20", json.get("price"));
        assertEquals(3L, json.get("distanceBps"));
        assertEquals(1, json.get("broker"));
    }

    private static Alert alert(final long sequence, final AlertKind kind)
    {
        return new Alert(sequence, sequence, kind, 1, "CEA-2025", List.of(1L), 0, "x", List.of());
    }

    private static List<Long> sequences(final List<Alert> alerts)
    {
        return alerts.stream().map(Alert::sequence).toList();
    }
}
