package io.carbonx.gateway.orders;

import org.agrona.collections.Int2ObjectHashMap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The tradable symbols, found from a Symbol (55) value's bytes in the received message without making a String: each
 * gives its instrument id, the symbol as a String (one instance, shared by every order of it) and as the order log
 * holds it. Immutable once built.
 */
final class InstrumentSymbols
{
    /**
     * One symbol.
     *
     * @param fixBytes as a FIX message carries it (ISO-8859-1).
     * @param logBytes as the order log holds it (UTF-8).
     */
    record Instrument(String symbol, int id, byte[] fixBytes, byte[] logBytes)
    {
    }

    private final Int2ObjectHashMap<Instrument[]> byHash = new Int2ObjectHashMap<>();
    private final Map<String, Instrument> bySymbol = new HashMap<>();

    InstrumentSymbols(final Map<String, Integer> instrumentIds)
    {
        instrumentIds.forEach((symbol, id) ->
        {
            final byte[] fixBytes = symbol.getBytes(StandardCharsets.ISO_8859_1);
            final Instrument instrument =
                new Instrument(symbol, id, fixBytes, symbol.getBytes(StandardCharsets.UTF_8));
            bySymbol.put(symbol, instrument);
            final int hash = hash(fixBytes, 0, fixBytes.length);
            final Instrument[] known = byHash.get(hash);
            if (known == null)
            {
                byHash.put(hash, new Instrument[] {instrument});
            }
            else
            {
                final Instrument[] more = Arrays.copyOf(known, known.length + 1);
                more[known.length] = instrument;
                byHash.put(hash, more);
            }
        });
    }

    /**
     * @return the instrument whose symbol is these bytes, or null.
     */
    Instrument find(final byte[] buffer, final int offset, final int length)
    {
        final Instrument[] candidates = byHash.get(hash(buffer, offset, length));
        if (candidates != null)
        {
            for (final Instrument candidate : candidates)
            {
                if (Arrays.equals(candidate.fixBytes, 0, candidate.fixBytes.length, buffer, offset,
                    offset + length))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * @return the instrument of a symbol an order holds, or null.
     */
    Instrument bySymbol(final String symbol)
    {
        return bySymbol.get(symbol);
    }

    private static int hash(final byte[] buffer, final int offset, final int length)
    {
        int hash = 1;
        for (int i = offset; i < offset + length; i++)
        {
            hash = 31 * hash + buffer[i];
        }
        return hash;
    }
}
