package io.carbonx.gateway.report;

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
        assertEquals("account,reference,cash\r\n1001,trade 7,-5521.66\r\n3001,\"say \"\"hi\"\", twice\",0.00\r\n", table.toCsv());
    }

    @Test
    void rowsBecomeObjectsKeyedByColumn()
    {
        final Table table = new Table("instrument", "volume").row("CEA-2025", 110L);
        assertEquals(List.of(Map.of("instrument", "CEA-2025", "volume", 110L)), table.rowMaps());
        assertThrows(IllegalArgumentException.class, () -> table.row("CCER"));
    }
}
