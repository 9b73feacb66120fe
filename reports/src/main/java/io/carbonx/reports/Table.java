package io.carbonx.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's figures: named columns and rows of values (numbers, or text such as money written "90.00"), written as
 * CSV or as JSON objects, one per row.
 */
public final class Table
{
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    public Table(final String... columns)
    {
        this.columns = List.of(columns);
    }

    public Table row(final Object... values)
    {
        if (values.length != columns.size())
        {
            throw new IllegalArgumentException("a row of " + values.length + " values for " + columns.size() +
                " columns");
        }
        rows.add(List.of(values));
        return this;
    }

    /**
     * @return a copy of this table whose rows all have {@code value} as their first value, as when rows collected
     * during a day are dated at its end.
     */
    public Table withFirstValue(final Object value)
    {
        final Table copy = new Table(columns.toArray(new String[0]));
        for (final List<Object> row : rows)
        {
            final Object[] values = row.toArray();
            values[0] = value;
            copy.row(values);
        }
        return copy;
    }

    public List<String> columns()
    {
        return columns;
    }

    public List<List<Object>> rows()
    {
        return rows;
    }

    public List<Map<String, Object>> rowMaps()
    {
        final List<Map<String, Object>> maps = new ArrayList<>(rows.size());
        for (final List<Object> row : rows)
        {
            final Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++)
            {
                map.put(columns.get(i), row.get(i));
            }
            maps.add(map);
        }
        return maps;
    }

    /**
     * RFC 4180 CSV with a header line; fields with a comma, quote or line break are quoted.
     */
    public String toCsv()
    {
        final StringBuilder csv = new StringBuilder();
        appendLine(csv, new ArrayList<>(columns));
        for (final List<Object> row : rows)
        {
            appendLine(csv, row);
        }
        return csv.toString();
    }

    private static void appendLine(final StringBuilder csv, final List<?> values)
    {
        for (int i = 0; i < values.size(); i++)
        {
            if (i > 0)
            {
                csv.append(',');
            }
            final String text = String.valueOf(values.get(i));
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)
            {
                csv.append('"').append(text.replace("\"", "\"\"")).append('"');
            }
            else
            {
                csv.append(text);
            }
        }
        csv.append("\r\n");
    }
}
