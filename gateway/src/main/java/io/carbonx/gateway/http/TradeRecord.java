package io.carbonx.gateway.http;

/**
 * One trade as the read replica keeps it for {@code GET /trades}.
 *
 * @param tradingDate yyyymmdd of the day the trade belongs to, or 0 while that day is still open.
 */
public record TradeRecord(
    long tradeId,
    int tradingDate,
    long timestamp,
    int instrumentId,
    long price,
    long quantity,
    long buyerAccountId,
    long sellerAccountId,
    long buyerFee,
    long sellerFee)
{
    TradeRecord onDate(final int date)
    {
        return new TradeRecord(tradeId, date, timestamp, instrumentId, price, quantity, buyerAccountId, sellerAccountId,
            buyerFee, sellerFee);
    }

    public boolean involves(final long accountId)
    {
        return buyerAccountId == accountId || sellerAccountId == accountId;
    }
}
