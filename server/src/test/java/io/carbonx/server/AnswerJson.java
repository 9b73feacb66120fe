package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds what a test looks for in the HTTP API's JSON: an event of a command's answer, a row of a report.
 */
final class AnswerJson
{
    private AnswerJson()
    {
    }

    /**
     * @return the first event of the type in a command's answer.
     * @throws AssertionError when it has none.
     */
    static JsonNode event(final JsonNode answer, final String type)
    {
        for (final JsonNode event : answer.get("events"))
        {
            if (event.get("type").asText().equals(type))
            {
                return event;
            }
        }
        throw new AssertionError("no " + type + " in " + answer);
    }

    /**
     * @return the first row of a report whose account column reads {@code account}.
     * @throws AssertionError when it has none.
     */
    static JsonNode reportRow(final JsonNode report, final String account)
    {
        for (final JsonNode row : report.get("rows"))
        {
            if (row.get("account").asText().equals(account))
            {
                return row;
            }
        }
        throw new AssertionError("no row for " + account + " in " + report);
    }
}
