package io.carbonx.reports;

import io.carbonx.protocol.Fields;
import io.carbonx.protocol.sbe.ProjectType;
import io.carbonx.registry.ProjectIssuances;
import io.carbonx.registry.SerialRanges;
import io.carbonx.registry.UnitLabel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of project units as JSON-ready maps, the same in answers, holdings and a tonne's history:
 * {@code {"projectType":"FORESTRY","projectId":12,"vintage":2024,"registeredDate":"2024-03-01",
 * "labels":["CORSIA_ELIGIBLE"]}}.
 */
public final class UnitAttributesJson
{
    private UnitAttributesJson()
    {
    }

    public static Map<String, Object> toJson(
        final ProjectType projectType, final long projectId, final int vintage, final int registeredDate,
        final int labels)
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("projectType", projectType.name());
        map.put("projectId", projectId);
        map.put("vintage", vintage);
        map.put("registeredDate", Fields.formatDate(registeredDate));
        final List<String> names = new ArrayList<>();
        for (final UnitLabel label : UnitLabel.values())
        {
            if (label.isIn(labels))
            {
                names.add(label.name());
            }
        }
        map.put("labels", names);
        return map;
    }

    /**
     * A holding's serial blocks, split where project issuances begin and end, each with its {@code attributes} (null
     * for units issued without).
     */
    public static List<Map<String, Object>> blocks(
        final SerialRanges serials, final ProjectIssuances issuances, final int instrumentId)
    {
        final List<Map<String, Object>> blocks = new ArrayList<>();
        for (int r = 0; r < serials.rangeCount(); r++)
        {
            final long end = serials.rangeEnd(r);
            long start = serials.rangeStart(r);
            while (start <= end)
            {
                final int index = issuances.find(instrumentId, start);
                final long runEnd = Math.min(end, index >= 0 ? issuances.last(instrumentId, index) :
                    issuances.nextFirstAfter(instrumentId, start) - 1);
                final Map<String, Object> block = new LinkedHashMap<>();
                block.put("start", start);
                block.put("end", runEnd);
                block.put("attributes", index < 0 ? null : toJson(issuances.projectType(instrumentId, index),
                    issuances.projectId(instrumentId, index), issuances.vintage(instrumentId, index),
                    issuances.registeredDate(instrumentId, index), issuances.labels(instrumentId, index)));
                blocks.add(block);
                start = runEnd + 1;
            }
        }
        return blocks;
    }
}
