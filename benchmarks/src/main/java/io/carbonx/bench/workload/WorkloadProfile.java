package io.carbonx.bench.workload;

import io.carbonx.protocol.sbe.TimeInForce;

/**
 * What a generated stream does to a book, observed during generation: the command mix and book shape over the
 * measured section, and the counts that must be zero for the benchmark to be meaningful.
 *
 * @param workload             the workload's name.
 * @param measuredCommands     commands in the measured section.
 * @param gtcOrders            new GTC orders in the measured section.
 * @param iocOrders            new IOC orders in the measured section.
 * @param cancels              cancels in the measured section.
 * @param amends               amends in the measured section.
 * @param ordersPlaced         new orders in the warm-up and measured sections.
 * @param ordersTraded         of those, how many traded at least once, as taker or as maker.
 * @param takersInMeasured     new orders in the measured section that traded on arrival.
 * @param trades               trades during the measured section.
 * @param lowestTradePrice     the lowest trade price during the measured section.
 * @param highestTradePrice    the highest trade price during the measured section.
 * @param meanRestingOrders    orders resting in the book, averaged over the measured commands.
 * @param minRestingOrders     the fewest resting after a measured command.
 * @param maxRestingOrders     the most resting after a measured command.
 * @param meanPriceLevels      price levels of both sides, averaged over the measured commands.
 * @param peakRestingOrders    the most orders resting at any point of the stream: the book capacity it needs.
 * @param rejections           commands the book refused; a correct generator produces none.
 * @param selfTradesPrevented  meetings of two orders of one account; the generators avoid them, so none.
 */
public record WorkloadProfile(
    String workload,
    long measuredCommands,
    long gtcOrders,
    long iocOrders,
    long cancels,
    long amends,
    long ordersPlaced,
    long ordersTraded,
    long takersInMeasured,
    long trades,
    long lowestTradePrice,
    long highestTradePrice,
    double meanRestingOrders,
    int minRestingOrders,
    int maxRestingOrders,
    double meanPriceLevels,
    int peakRestingOrders,
    long rejections,
    long selfTradesPrevented)
{
    public double tradedFraction()
    {
        return ordersPlaced == 0 ? 0 : (double)ordersTraded / ordersPlaced;
    }

    /**
     * @return the share of new orders in the measured section that traded on arrival.
     */
    public double takerFraction()
    {
        final long newOrders = gtcOrders + iocOrders;
        return newOrders == 0 ? 0 : (double)takersInMeasured / newOrders;
    }

    public double share(final long count)
    {
        return measuredCommands == 0 ? 0 : (double)count / measuredCommands;
    }

    @Override
    public String toString()
    {
        return String.format(
            "%s: %,d measured commands (GTC %.1f%%, IOC %.1f%%, cancel %.1f%%, amend %.1f%%); %.1f%% of new orders " +
            "traded on arrival, %.1f%% of all %,d traded at all; %,d trades at %d..%d; resting orders mean %.0f " +
            "(%d..%d), price levels mean %.0f; peak resting %,d; rejections %d; self-trades prevented %d",
            workload, measuredCommands, 100 * share(gtcOrders), 100 * share(iocOrders), 100 * share(cancels),
            100 * share(amends), 100 * takerFraction(), 100 * tradedFraction(), ordersPlaced, trades, lowestTradePrice,
            highestTradePrice, meanRestingOrders, minRestingOrders, maxRestingOrders, meanPriceLevels,
            peakRestingOrders, rejections, selfTradesPrevented);
    }

    /**
     * Accumulates a profile while a {@link ReferenceMarket} runs.
     */
    static final class Builder
    {
        private final String workload;
        private boolean measuring;
        private long measuredCommands;
        private long gtcOrders;
        private long iocOrders;
        private long cancels;
        private long amends;
        private long ordersPlaced;
        private long ordersTraded;
        private long takersInMeasured;
        private long trades;
        private long lowestTradePrice = Long.MAX_VALUE;
        private long highestTradePrice = Long.MIN_VALUE;
        private long restingOrdersSum;
        private int minRestingOrders = Integer.MAX_VALUE;
        private int maxRestingOrders;
        private long priceLevelsSum;
        private int peakRestingOrders;
        private long rejections;
        private long selfTradesPrevented;

        Builder(final String workload)
        {
            this.workload = workload;
        }

        void startMeasuring()
        {
            measuring = true;
        }

        void stopMeasuring(final long ordersTraded, final long ordersPlaced)
        {
            measuring = false;
            this.ordersTraded = ordersTraded;
            this.ordersPlaced = ordersPlaced;
        }

        void recordNewOrder(final TimeInForce timeInForce, final boolean tradedOnArrival)
        {
            if (measuring)
            {
                if (tradedOnArrival)
                {
                    takersInMeasured++;
                }
                if (timeInForce == TimeInForce.IOC)
                {
                    iocOrders++;
                }
                else
                {
                    gtcOrders++;
                }
            }
        }

        void recordCancel()
        {
            if (measuring)
            {
                cancels++;
            }
        }

        void recordAmend()
        {
            if (measuring)
            {
                amends++;
            }
        }

        void recordTrade(final long price)
        {
            if (measuring)
            {
                trades++;
                lowestTradePrice = Math.min(lowestTradePrice, price);
                highestTradePrice = Math.max(highestTradePrice, price);
            }
        }

        void recordRejection()
        {
            rejections++;
        }


        void recordSelfTradePrevented()
        {
            selfTradesPrevented++;
        }

        void sampleBook(final int restingOrders, final int priceLevels)
        {
            peakRestingOrders = Math.max(peakRestingOrders, restingOrders);
            if (measuring)
            {
                measuredCommands++;
                restingOrdersSum += restingOrders;
                minRestingOrders = Math.min(minRestingOrders, restingOrders);
                maxRestingOrders = Math.max(maxRestingOrders, restingOrders);
                priceLevelsSum += priceLevels;
            }
        }

        WorkloadProfile build()
        {
            final double samples = Math.max(measuredCommands, 1);
            return new WorkloadProfile(
                workload, measuredCommands, gtcOrders, iocOrders, cancels, amends, ordersPlaced, ordersTraded,
                takersInMeasured, trades, trades == 0 ? 0 : lowestTradePrice, trades == 0 ? 0 : highestTradePrice,
                restingOrdersSum / samples, measuredCommands == 0 ? 0 : minRestingOrders, maxRestingOrders,
                priceLevelsSum / samples, peakRestingOrders, rejections, selfTradesPrevented);
        }
    }
}
