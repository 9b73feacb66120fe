package io.carbonx.engine.instrument;

import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.SelfTradePolicy;

import java.util.Objects;

/**
 * The static definition of a tradable instrument: what it is and the rules its orders must follow.
 *
 * @param id                 dense engine id, 1..n.
 * @param symbol             e.g. {@code CEA-2025}.
 * @param kind               allowance, offset or sink credit.
 * @param vintage            year of an allowance; 0 when the instrument has none.
 * @param tickSize           price increment in 0.01 currency units.
 * @param lotSize            quantity increment in tonnes.
 * @param minQuantity        smallest order quantity in tonnes.
 * @param maxQuantity        largest order quantity in tonnes (larger trades go to block trading).
 * @param priceBandBps       allowed distance of a price from the reference price, in basis points.
 * @param referencePrice     the first reference price (the previous close) in 0.01 currency units.
 * @param selfTradePolicy    what happens when two orders of one account would trade.
 */
public record InstrumentSpec(
    int id,
    String symbol,
    InstrumentKind kind,
    int vintage,
    long tickSize,
    long lotSize,
    long minQuantity,
    long maxQuantity,
    int priceBandBps,
    long referencePrice,
    SelfTradePolicy selfTradePolicy)
{
    public InstrumentSpec
    {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(selfTradePolicy, "selfTradePolicy");
        require(id > 0, "id must be positive: " + id);
        require(!symbol.isBlank(), "symbol must not be blank");
        require(tickSize > 0, symbol + ": tickSize must be positive: " + tickSize);
        require(lotSize > 0, symbol + ": lotSize must be positive: " + lotSize);
        require(minQuantity > 0 && minQuantity % lotSize == 0,
            symbol + ": minQuantity must be a positive multiple of lotSize: " + minQuantity);
        require(maxQuantity >= minQuantity, symbol + ": maxQuantity must be >= minQuantity: " + maxQuantity);
        require(priceBandBps > 0 && priceBandBps < 10_000,
            symbol + ": priceBandBps must be in 1..9999: " + priceBandBps);
        require(referencePrice > 0 && referencePrice % tickSize == 0,
            symbol + ": referencePrice must be a positive multiple of tickSize: " + referencePrice);
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
