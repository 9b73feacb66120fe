package io.carbonx.engine.instrument;

import io.carbonx.protocol.InvalidFieldException;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configured instruments by symbol, for requests that name them, and by id, for answers that show them.
 */
public final class Instruments
{
    private final Map<String, Integer> ids = new TreeMap<>();
    private final Map<Integer, String> symbols = new TreeMap<>();

    public Instruments(final List<InstrumentSpec> specs)
    {
        for (final InstrumentSpec spec : specs)
        {
            ids.put(spec.symbol(), spec.id());
            symbols.put(spec.id(), spec.symbol());
        }
    }

    /**
     * @throws InvalidFieldException naming the field when there is no such symbol.
     */
    public int id(final String field, final String symbol)
    {
        final Integer id = ids.get(symbol);
        if (id == null)
        {
            throw new InvalidFieldException("field '" + field + "': no such instrument '" + symbol + "' (known: " +
                String.join(", ", ids.keySet()) + ")");
        }
        return id;
    }

    /**
     * @return the symbol of an instrument id, or the id as text for one listed later than the configuration.
     */
    public String symbol(final int id)
    {
        return symbols.getOrDefault(id, Integer.toString(id));
    }

    public Map<Integer, String> all()
    {
        return symbols;
    }
}
