package io.carbonx.gateway.marketdata;

import io.carbonx.engine.core.DailyStatisticsView;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.codec.FixTags;
import io.carbonx.protocol.sbe.TradingPhase;

import java.math.BigDecimal;
import java.util.List;

/**
 * Writes the market-data messages: MarketDataSnapshotFullRefresh (W), MarketDataIncrementalRefresh (X),
 * MarketDataRequestReject (Y), SecurityList (y) and TradingSessionStatus (h).
 */
final class MarketDataMessages
{
    static final char NEW = '0';
    static final char CHANGE = '1';
    static final char DELETE = '2';
    static final char NO_REASON = 0;

    /** InstrAttribType (871) 99: the value is text, here "NAME=value" for a setting FIX 4.4 has no tag for. */
    private static final int TEXT_ATTRIBUTE = 99;
    private static final int PRICE_SCALE = 2;

    private MarketDataMessages()
    {
    }

    /**
     * W: the book to a depth (0 = every level), then the day's figures and the close reference, for the types asked.
     */
    static ApplicationMessage snapshot(
        final String mdReqId, final PublishedMarket market, final int depth, final int entryTypes)
    {
        final MdEntries entries = new MdEntries();
        levels(entries, market.book, true, depth);
        levels(entries, market.book, false, depth);
        final DailyStatisticsView figures = market.figures;
        if (figures.last() != 0)
        {
            entries.add(MdEntryTypes.TRADE, NEW, figures.last(), figures.lastQuantity());
        }
        figure(entries, MdEntryTypes.OPENING_PRICE, figures.open(), false);
        figure(entries, MdEntryTypes.SESSION_HIGH, figures.high(), false);
        figure(entries, MdEntryTypes.SESSION_LOW, figures.low(), false);
        figure(entries, MdEntryTypes.CLOSING_PRICE, market.referencePrice(), false);
        figure(entries, MdEntryTypes.TRADE_VOLUME, figures.volume(), true);

        final ApplicationMessage.Builder message = ApplicationMessage.builder("W")
            .add(FixTags.MD_REQ_ID, mdReqId)
            .add(FixTags.SYMBOL, market.symbol())
            .add(FixTags.NO_MD_ENTRIES, entries.countFor(entryTypes));
        for (int i = 0; i < entries.size(); i++)
        {
            if (MdEntryTypes.includes(entryTypes, entries.type(i)))
            {
                message.add(FixTags.MD_ENTRY_TYPE, entries.type(i));
                priceAndSize(message, entries, i);
            }
        }
        return message.build();
    }

    private static void levels(final MdEntries entries, final AggregatedBook book, final boolean buy, final int depth)
    {
        for (final long price : book.prices(buy, depth))
        {
            entries.add(buy ? MdEntryTypes.BID : MdEntryTypes.OFFER, NEW, price, book.quantity(buy, price));
        }
    }

    private static void figure(final MdEntries entries, final char type, final long value, final boolean isSize)
    {
        if (value != 0)
        {
            entries.add(type, NEW, isSize ? MdEntries.NONE : value, isSize ? value : MdEntries.NONE);
        }
    }

    /**
     * X: the entries of the types a subscription asked for, or null when it asked for none of them.
     */
    static ApplicationMessage incremental(
        final String mdReqId, final String symbol, final MdEntries entries, final int entryTypes)
    {
        final int count = entries.countFor(entryTypes);
        if (count == 0)
        {
            return null;
        }
        final ApplicationMessage.Builder message = ApplicationMessage.builder("X")
            .add(FixTags.MD_REQ_ID, mdReqId)
            .add(FixTags.NO_MD_ENTRIES, count);
        for (int i = 0; i < entries.size(); i++)
        {
            if (MdEntryTypes.includes(entryTypes, entries.type(i)))
            {
                message.add(FixTags.MD_UPDATE_ACTION, entries.action(i)).add(FixTags.MD_ENTRY_TYPE, entries.type(i))
                    .add(FixTags.SYMBOL, symbol);
                priceAndSize(message, entries, i);
            }
        }
        return message.build();
    }

    private static void priceAndSize(final ApplicationMessage.Builder message, final MdEntries entries, final int i)
    {
        if (entries.price(i) != MdEntries.NONE)
        {
            message.addScaled(FixTags.MD_ENTRY_PX, entries.price(i), PRICE_SCALE);
        }
        if (entries.size(i) != MdEntries.NONE)
        {
            message.add(FixTags.MD_ENTRY_SIZE, entries.size(i));
        }
    }

    /**
     * Y: a refused MarketDataRequest.
     *
     * @param reason an MDReqRejReason (281), or {@link #NO_REASON} when none of its values fits.
     */
    static ApplicationMessage reject(final String mdReqId, final char reason, final String text)
    {
        final ApplicationMessage.Builder message = ApplicationMessage.builder("Y").add(FixTags.MD_REQ_ID, mdReqId);
        if (reason != NO_REASON)
        {
            message.add(FixTags.MD_REQ_REJ_REASON, reason);
        }
        return message.add(FixTags.TEXT, text).build();
    }

    /**
     * y: the instruments and their trading settings.
     */
    static ApplicationMessage securityList(
        final String securityReqId, final String responseId, final List<PublishedMarket> markets)
    {
        final ApplicationMessage.Builder message = ApplicationMessage.builder("y")
            .add(FixTags.SECURITY_REQ_ID, securityReqId)
            .add(FixTags.SECURITY_RESPONSE_ID, responseId)
            .add(FixTags.SECURITY_REQUEST_RESULT, 0)
            .add(FixTags.TOT_NO_RELATED_SYM, markets.size())
            .add(FixTags.LAST_FRAGMENT, 'Y')
            .add(FixTags.NO_RELATED_SYM, markets.size());
        for (final PublishedMarket market : markets)
        {
            final InstrumentSpec spec = market.spec;
            message.add(FixTags.SYMBOL, spec.symbol())
                .add(FixTags.PRODUCT, 2)
                .add(FixTags.SECURITY_SUB_TYPE, spec.kind().name());
            message.add(FixTags.NO_INSTR_ATTRIB, spec.vintage() == 0 ? 6 : 7);
            if (spec.vintage() != 0)
            {
                attribute(message, "VINTAGE=" + spec.vintage());
            }
            attribute(message, "TICK=" + price(spec.tickSize()));
            attribute(message, "MAXQTY=" + spec.maxQuantity());
            attribute(message, "REFPX=" + price(market.referencePrice()));
            attribute(message, "BANDBPS=" + spec.priceBandBps());
            attribute(message, "BANDLOW=" + price(market.instrument.lowestPrice()));
            attribute(message, "BANDHIGH=" + price(market.instrument.highestPrice()));
            message.add(FixTags.ROUND_LOT, spec.lotSize())
                .add(FixTags.MIN_TRADE_VOL, spec.minQuantity())
                .add(FixTags.TRADING_SESSION_ID, spec.symbol())
                .add(FixTags.TRADING_SESSION_SUB_ID, market.phase().name());
        }
        return message.build();
    }

    /**
     * y refusing a SecurityListRequest. FIX 4.4 gives SecurityList no Text outside its instruments, so the result code
     * is all the requester is told.
     *
     * @param result a SecurityRequestResult (560) other than 0.
     */
    static ApplicationMessage securityListRefused(final String securityReqId, final String responseId, final int result)
    {
        return ApplicationMessage.builder("y")
            .add(FixTags.SECURITY_REQ_ID, securityReqId)
            .add(FixTags.SECURITY_RESPONSE_ID, responseId)
            .add(FixTags.SECURITY_REQUEST_RESULT, result)
            .build();
    }

    /**
     * h: an instrument's phase. Each instrument is its own trading session, named by its symbol.
     *
     * @param tradSesReqId the request answered, or null for an unsolicited change.
     */
    static ApplicationMessage sessionStatus(final String tradSesReqId, final PublishedMarket market)
    {
        final ApplicationMessage.Builder message = ApplicationMessage.builder("h");
        if (tradSesReqId != null)
        {
            message.add(FixTags.TRAD_SES_REQ_ID, tradSesReqId);
        }
        return message.add(FixTags.TRADING_SESSION_ID, market.symbol())
            .add(FixTags.TRADING_SESSION_SUB_ID, market.phase().name())
            .add(FixTags.UNSOLICITED_INDICATOR, tradSesReqId == null ? 'Y' : 'N')
            .add(FixTags.TRAD_SES_STATUS, tradSesStatus(market.phase()))
            .build();
    }

    /**
     * h refusing a TradingSessionStatusRequest (TradSesStatus 6).
     *
     * @param rejReason a TradSesStatusRejReason (567), or 0 for none.
     */
    static ApplicationMessage sessionStatusRefused(
        final String tradSesReqId, final String tradingSessionId, final int rejReason, final String text)
    {
        final ApplicationMessage.Builder message = ApplicationMessage.builder("h")
            .add(FixTags.TRAD_SES_REQ_ID, tradSesReqId)
            .add(FixTags.TRADING_SESSION_ID, tradingSessionId)
            .add(FixTags.TRAD_SES_STATUS, 6);
        if (rejReason != 0)
        {
            message.add(FixTags.TRAD_SES_STATUS_REJ_REASON, rejReason);
        }
        return message.add(FixTags.TEXT, text).build();
    }

    static int tradSesStatus(final TradingPhase phase)
    {
        return switch (phase)
        {
            case HALTED -> 1;
            case CONTINUOUS -> 2;
            case CLOSED -> 3;
            case PRE_OPEN -> 4;
            default -> 0;
        };
    }

    private static void attribute(final ApplicationMessage.Builder message, final String value)
    {
        message.add(FixTags.INSTR_ATTRIB_TYPE, TEXT_ATTRIBUTE).add(FixTags.INSTR_ATTRIB_VALUE, value);
    }

    private static String price(final long hundredths)
    {
        return BigDecimal.valueOf(hundredths, PRICE_SCALE).toPlainString();
    }
}
