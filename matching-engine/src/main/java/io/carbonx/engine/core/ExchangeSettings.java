package io.carbonx.engine.core;

import io.carbonx.clearing.FeeSchedule;
import io.carbonx.clearing.compliance.ReferencePriceWindow;
import io.carbonx.engine.approval.FourEyesRules;
import io.carbonx.engine.block.BlockTradeRules;
import io.carbonx.clearing.compliance.ComplianceRules;
import io.carbonx.engine.calendar.TradingCalendar;
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
 * @param serialRangeCapacity  serial ranges the registry allocates room for at start, shared by all holdings, 16
 *                             bytes each: trading allocates nothing while the holdings' ranges fit in it, and
 *                             allocates (and counts) more past it. It sizes memory only: it changes no event, no
 *                             snapshot and no state hash, so unlike the other settings a journal may be replayed
 *                             with another.
 * @param calendar             the scheme's trading calendar: time zone, trading days, holidays, sessions; each
 *                             {@code EndOfTradingDay} is checked against it.
 * @param referenceWindow      which month before a compliance deadline makes a market-price fine's reference price,
 *                             in the calendar's time zone.
 * @param fourEyes             the commands a regulator may only propose, for a different one to approve.
 */
public record ExchangeSettings(
    long feeAccountId,
    HoldingLimits holdingLimits,
    FeeSchedule fees,
    int maxInstrumentId,
    int orderCapacityPerBook,
    int closedOrderMemory,
    BlockTradeRules blockTrades,
    ComplianceRules compliance,
    long serialRangeCapacity,
    TradingCalendar calendar,
    ReferencePriceWindow.Kind referenceWindow,
    FourEyesRules fourEyes)
{
    /**
     * Room for 1,048,576 serial ranges, 16 MiB (17 MiB with the chunks' headers): ranges fragment about one per
     * trade whose units do not continue the buyer's last range, so this covers 10,000 accounts each holding a hundred
     * fragments, or the first million such trades, for memory that is small beside the books'.
     */
    public static final long DEFAULT_SERIAL_RANGE_CAPACITY = 1L << 20;

    /**
     * Settings with every day a trading day in UTC ({@link TradingCalendar#EVERY_DAY_UTC}), the calendar month
     * before a deadline's month as the reference-price window, and no four-eyes rule.
     */
    public ExchangeSettings(
        final long feeAccountId,
        final HoldingLimits holdingLimits,
        final FeeSchedule fees,
        final int maxInstrumentId,
        final int orderCapacityPerBook,
        final int closedOrderMemory,
        final BlockTradeRules blockTrades,
        final ComplianceRules compliance,
        final long serialRangeCapacity)
    {
        this(feeAccountId, holdingLimits, fees, maxInstrumentId, orderCapacityPerBook, closedOrderMemory, blockTrades,
            compliance, serialRangeCapacity, TradingCalendar.EVERY_DAY_UTC,
            ReferencePriceWindow.Kind.CALENDAR_MONTH_BEFORE, FourEyesRules.OFF);
    }

    /**
     * Settings with room for {@link #DEFAULT_SERIAL_RANGE_CAPACITY} serial ranges, every day a trading day in UTC.
     */
    public ExchangeSettings(
        final long feeAccountId,
        final HoldingLimits holdingLimits,
        final FeeSchedule fees,
        final int maxInstrumentId,
        final int orderCapacityPerBook,
        final int closedOrderMemory,
        final BlockTradeRules blockTrades,
        final ComplianceRules compliance)
    {
        this(feeAccountId, holdingLimits, fees, maxInstrumentId, orderCapacityPerBook, closedOrderMemory, blockTrades,
            compliance, DEFAULT_SERIAL_RANGE_CAPACITY);
    }

    public ExchangeSettings
    {
        Objects.requireNonNull(holdingLimits, "holdingLimits");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(blockTrades, "blockTrades");
        Objects.requireNonNull(compliance, "compliance");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(referenceWindow, "referenceWindow");
        Objects.requireNonNull(fourEyes, "fourEyes");
        if (maxInstrumentId < 1 || orderCapacityPerBook < 1 || closedOrderMemory < 0)
        {
            throw new IllegalArgumentException("maxInstrumentId and orderCapacityPerBook must be positive, " +
                "closedOrderMemory not negative: " + maxInstrumentId + ", " + orderCapacityPerBook + ", " +
                closedOrderMemory);
        }
        if (serialRangeCapacity < 0)
        {
            throw new IllegalArgumentException("serialRangeCapacity must not be negative: " + serialRangeCapacity);
        }
    }

    /**
     * @return these settings with other memory sizes: orders per book and serial ranges.
     */
    public ExchangeSettings withCapacities(final int ordersPerBook, final long ranges)
    {
        return new ExchangeSettings(feeAccountId, holdingLimits, fees, maxInstrumentId, ordersPerBook,
            closedOrderMemory, blockTrades, compliance, ranges, calendar, referenceWindow, fourEyes);
    }

    /**
     * @return these settings with another trading calendar and reference-price window.
     */
    public ExchangeSettings withCalendar(final TradingCalendar tradingCalendar, final ReferencePriceWindow.Kind window)
    {
        return new ExchangeSettings(feeAccountId, holdingLimits, fees, maxInstrumentId, orderCapacityPerBook,
            closedOrderMemory, blockTrades, compliance, serialRangeCapacity, tradingCalendar, window, fourEyes);
    }

    /**
     * @return these settings with another four-eyes rule.
     */
    public ExchangeSettings withFourEyes(final FourEyesRules rules)
    {
        return new ExchangeSettings(feeAccountId, holdingLimits, fees, maxInstrumentId, orderCapacityPerBook,
            closedOrderMemory, blockTrades, compliance, serialRangeCapacity, calendar, referenceWindow, rules);
    }

    /**
     * @return the reference-price window in the calendar's time zone.
     */
    public ReferencePriceWindow referencePriceWindow()
    {
        return new ReferencePriceWindow(calendar.zone(), referenceWindow);
    }
}
