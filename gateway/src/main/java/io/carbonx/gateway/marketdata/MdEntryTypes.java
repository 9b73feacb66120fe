package io.carbonx.gateway.marketdata;

/**
 * The MDEntryType (269) values the exchange publishes, as bits of a mask: a subscription receives the entries whose
 * bit its request set.
 */
final class MdEntryTypes
{
    static final char BID = '0';
    static final char OFFER = '1';
    static final char TRADE = '2';
    static final char OPENING_PRICE = '4';
    static final char CLOSING_PRICE = '5';
    static final char SESSION_HIGH = '7';
    static final char SESSION_LOW = '8';
    static final char TRADE_VOLUME = 'B';

    /** Every type offered, in the order a snapshot lists them. */
    static final String OFFERED = "0124578B";

    private MdEntryTypes()
    {
    }

    /**
     * @return the bit of an offered entry type, or 0 when the type is not offered.
     */
    static int bit(final char type)
    {
        final int index = OFFERED.indexOf(type);
        return index < 0 ? 0 : 1 << index;
    }

    static boolean includes(final int mask, final char type)
    {
        return (mask & bit(type)) != 0;
    }
}
