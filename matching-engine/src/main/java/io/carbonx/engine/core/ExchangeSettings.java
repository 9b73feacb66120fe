package io.carbonx.engine.core;

import io.carbonx.clearing.FeeSchedule;
import io.carbonx.engine.block.BlockTradeRules;
import io.carbonx.clearing.compliance.ComplianceRules;
import io.carbonx.registry.HoldingLimits;

import java.util.Objects;

/**
 * What a scheme and an operator decide about the exchange's core, fixed for the life of a journal: replaying a journal
 * with other settings would not reproduce its events.
 *
 * @param feeAccountId         the exchange's account that collects fees.
 * @param holdingLimits        how many units each kind of account may hold.
 * @param fees                 charged to buyer and seller on every trade.
 * @param maxInstrumentId      the highest instrument id that may be listed.
 * @param orderCapacityPerBook the most orders that may rest in one book.
 * @param closedOrderMemory    how many closed orders per book are remembered to answer late cancels precisely.
 * @param blockTrades          the scheme's block trade threshold, price band and closing-price rule.
 * @param compliance           the scheme's compliance rules: eligible units, offset cap, penalties.
 */
public record ExchangeSettings(
    long feeAccountId,
    HoldingLimits holdingLimits,
    FeeSchedule fees,
    int maxInstrumentId,
    int orderCapacityPerBook,
    int closedOrderMemory,
    BlockTradeRules blockTrades,
    ComplianceRules compliance)
{
    public ExchangeSettings
    {
        Objects.requireNonNull(holdingLimits, "holdingLimits");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(blockTrades, "blockTrades");
        Objects.requireNonNull(compliance, "compliance");
        if (maxInstrumentId < 1 || orderCapacityPerBook < 1 || closedOrderMemory < 0)
        {
            throw new IllegalArgumentException("maxInstrumentId and orderCapacityPerBook must be positive, " +
                "closedOrderMemory not negative: " + maxInstrumentId + ", " + orderCapacityPerBook + ", " +
                closedOrderMemory);
        }
    }
}
