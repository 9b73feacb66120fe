package io.carbonx.engine.book;

/**
 * One thing a book reported, as plain values so that two books' reports can be compared.
 *
 * @param kind      TRADE, CANCELLED, EXPIRED, AMENDED or SELF_TRADE.
 * @param orderId   the taker, or the order the event is about.
 * @param otherId   the maker of a trade, the resting order of a self-trade, 0 otherwise.
 * @param price     trade price, or the order's price for an amendment.
 * @param quantity  traded, cancelled or expired quantity; the new total quantity for an amendment.
 * @param detail    cancel reason, self-trade policy or whether priority was kept.
 */
record BookEvent(String kind, long orderId, long otherId, long price, long quantity, String detail)
{
}
