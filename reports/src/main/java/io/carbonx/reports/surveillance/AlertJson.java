package io.carbonx.reports.surveillance;

import io.carbonx.protocol.Money;
import io.carbonx.reports.ZonedTime;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alert as the API shows it: {@code sequence}, {@code time} (ISO-8601 in the scheme's zone), {@code kind},
 * {@code instrument}, {@code instrumentId}, {@code accounts}, {@code broker} (only when one is concerned),
 * {@code detail}, then its figures by name: prices as decimal text ("101.20"), everything else as integers.
 */
public final class AlertJson
{
    private AlertJson()
    {
    }

    public static Map<String, Object> toJson(final Alert alert, final ZoneId zone)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("sequence", alert.sequence());
        json.put("time", ZonedTime.format(alert.time(), zone));
        json.put("kind", alert.kind().name());
        json.put("instrument", alert.instrument());
        json.put("instrumentId", alert.instrumentId());
        json.put("accounts", alert.accounts());
        if (alert.brokerId() != 0)
        {
            json.put("broker", alert.brokerId());
        }
        json.put("detail", alert.detail());
        for (final Figure figure : alert.figures())
        {
            json.put(figure.name(),
                figure.unit() == Figure.Unit.PRICE ? Money.format(figure.value()) : (Object)figure.value());
        }
        return json;
    }
}
