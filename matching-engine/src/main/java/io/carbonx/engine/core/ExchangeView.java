package io.carbonx.engine.core;

import io.carbonx.clearing.compliance.ComplianceView;
import io.carbonx.engine.approval.Proposal;
import io.carbonx.engine.auction.AuctionsView;
import io.carbonx.engine.book.BookView;
import io.carbonx.registry.RegistryView;

import java.util.Collection;

/**
 * The exchange's state as code outside the engine sees it: read-only views of the registry, books, day figures,
 * auctions and compliance desk. The state changes only by commands applied on the business-logic thread; a reader on
 * another thread must be handed the state by that thread's owner (as the read replica does).
 */
public interface ExchangeView
{
    RegistryView registry();

    /**
     * @return the book of an instrument, or null when it is not listed.
     */
    BookView orderBook(int instrumentId);

    /**
     * @return the day's trading figures of an instrument, or null when it is not listed.
     */
    DailyStatisticsView dailyStatistics(int instrumentId);

    /**
     * @return the primary auctions.
     */
    AuctionsView auctions();

    /**
     * @return the compliance years, their ledgers and assessments.
     */
    ComplianceView compliance();

    /**
     * @return the live four-eyes proposals in id order, read-only; those expired but not yet dropped included (a
     * proposal is expired when {@link #clock()} is after its {@code expiresAt}).
     */
    Collection<Proposal> proposals();

    long lastAppliedSequence();

    /**
     * @return the engine's clock: the latest timestamp of the commands applied (epoch nanoseconds), which decides
     * whether a fine is overdue.
     */
    long clock();

    /**
     * @return the last trading date closed by an {@code EndOfTradingDay}, yyyymmdd, or 0 before the first.
     */
    int lastClosedTradingDate();

    /**
     * @return a digest of the whole state; equal in two machines that applied the same commands.
     */
    long stateHash();
}
