package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static io.carbonx.server.ApiClient.REGULATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the settlement statements report against itself and against the registry as the HTTP API shows it.
 */
final class StatementChecks
{
    private StatementChecks()
    {
    }

    /**
     * Opening + movements = closing for cash and every instrument, and the closing balances are the registry's.
     *
     * @param rows             the statement rows of every account.
     * @param leastClosingRows how many CLOSING rows the account must have at least.
     */
    static void assertReconciles(final ApiClient api, final JsonNode rows, final long account,
        final int leastClosingRows)
        throws Exception
    {
        BigDecimal cash = null;
        final Map<String, Long> units = new HashMap<>();
        int closingRows = 0;
        for (final JsonNode row : rows)
        {
            if (row.get("account").asLong() != account)
            {
                continue;
            }
            final String line = row.get("line").asText();
            final String instrument = row.get("instrument").asText();
            if (line.equals("OPENING"))
            {
                if (instrument.isEmpty())
                {
                    cash = new BigDecimal(row.get("cash").asText());
                }
                else
                {
                    units.put(instrument, row.get("units").asLong());
                }
            }
            else if (line.equals("CLOSING"))
            {
                closingRows++;
                assertEquals("ok", row.get("check").asText(), row.toString());
                if (instrument.isEmpty())
                {
                    assertEquals(cash, new BigDecimal(row.get("cash").asText()), "opening + movements = closing cash");
                    assertEquals(row.get("cash").asText(),
                        api.get(REGULATOR, "/accounts/" + account).json().get("cash").get("total").asText(),
                        "closing cash = the registry's, account " + account);
                }
                else
                {
                    assertEquals(units.get(instrument), row.get("units").asLong(), "opening + movements = closing " +
                        instrument);
                    assertEquals(row.get("units").asLong(), registryUnits(api, account, instrument),
                        "closing units = the registry's " + instrument);
                }
            }
            else
            {
                if (!row.get("cash").asText().isEmpty())
                {
                    cash = cash.add(new BigDecimal(row.get("cash").asText()));
                }
                if (!instrument.isEmpty())
                {
                    units.merge(instrument, row.get("units").asLong(), Long::sum);
                }
            }
        }
        assertTrue(closingRows >= leastClosingRows, "no statement for " + account);
    }

    /**
     * @return the account's units of the instrument in the registry, 0 when it holds none.
     */
    static long registryUnits(final ApiClient api, final long account, final String instrument) throws Exception
    {
        for (final JsonNode holding : api.get(REGULATOR, "/accounts/" + account + "/holdings").json().get("holdings"))
        {
            if (holding.get("instrument").asText().equals(instrument))
            {
                return holding.get("total").asLong();
            }
        }
        return 0;
    }
}
