package io.carbonx.reports;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableTest
{
    @Test
    void csvQuotesOnlyWhatNeedsIt()
    {
        final Table table = new Table("account", "reference", "cash")
            .row(1001L, "trade 7", "-5521.66")
            .row(3001L, "say \"hi\", twice", "0.00");
        assertEquals("account,reference,cash\r\n1001,trade 7,-5521.66\r\n3001,\"say \"\"hi\"\", twice\",0.00\r\n",
            table.toCsv());
    }

    @Test
    void rowsBecomeObjectsKeyedByColumn()
    {
        final Table table = new Table("instrument", "volume").row("CEA-2025", 110L);
        assertEquals(List.of(Map.of("instrument", "CEA-2025", "volume", 110L)), table.rowMaps());
        assertThrows(IllegalArgumentException.class, () -> table.row("CCER"));
    }

    @Test
    void withFirstValueDatesEveryRowOfACopy()
    {
        final Table day = new Table("date", "account", "quantity").row("", 1001L, 5L).row("", 3001L, 7L);
        final Table dated = day.withFirstValue("2026-11-20");
        assertEquals(List.of("date", "account", "quantity"), dated.columns());
        assertEquals(List.of(List.of("2026-11-20", 1001L, 5L), List.of("2026-11-20", 3001L, 7L)), dated.rows());
        assertEquals(List.of("", 1001L, 5L), day.rows().get(0), "the day's own rows are left as they were");
    }

    @Test
    void theOpenDayIsNamedOpen()
    {
        assertEquals("open", ReportFold.dateText(0));
        assertEquals("2026-11-20", ReportFold.dateText(20261120));
    }
}
