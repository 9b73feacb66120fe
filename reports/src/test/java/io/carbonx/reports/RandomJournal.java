package io.carbonx.reports;

import io.carbonx.engine.auction.AuctionCommandWriter;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.UserNames;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Path;
import java.util.Random;
import java.util.function.ToIntFunction;

import static io.carbonx.reports.ReportScenario.AUCTION;
import static io.carbonx.reports.ReportScenario.BUYER;
import static io.carbonx.reports.ReportScenario.CCER;
import static io.carbonx.reports.ReportScenario.CCER_SPEC;
import static io.carbonx.reports.ReportScenario.CEA;
import static io.carbonx.reports.ReportScenario.CEA_SPEC;
import static io.carbonx.reports.ReportScenario.E;
import static io.carbonx.reports.ReportScenario.F;
import static io.carbonx.reports.ReportScenario.SELLER;

/**
 * Writes a random but plausible command stream into a real journal, from a seed: the scenario's instruments and
 * accounts, then orders, cancels, amends, registry operations, auctions, compliance years and day closes, from several
 * users (some commands are refused, as in real life). Used by the analytic store's tests, which compare the store's
 * reports with the replay folds' on the same journal. One thread writes.
 */
final class RandomJournal implements AutoCloseable
{
    static final UserNames USERS = new UserNames(java.util.List.of("BROKER1"), java.util.List.of("alice", "bob"));
    static final long[] TRADERS = {SELLER, BUYER, E, F};

    private final ChronicleJournal journal;
    private final Random random;
    private final CommandWriter writer = new CommandWriter();
    private final AuctionCommandWriter auctionWriter = new AuctionCommandWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private long sequence;
    private long correlation;
    private long time = 1_735_779_600_000_000_000L; // 2025-01-02T01:00:00Z
    private int source = SourceIds.EXCHANGE;
    private long user;
    private long orders;
    private long auctions;
    private int year = 2025;
    private boolean yearOpen;

    RandomJournal(final Path directory, final long seed)
    {
        this.journal = new ChronicleJournal(directory, JournalDurability.PAGE_CACHE);
        this.sequence = journal.lastSequence();
        this.random = new Random(seed);
    }

    long lastSequence()
    {
        return sequence;
    }

    /**
     * The scenario's instruments and accounts, with units and cash to trade.
     */
    RandomJournal genesis()
    {
        apply(w -> w.addInstrument(buffer, 0, CEA_SPEC));
        apply(w -> w.addInstrument(buffer, 0, CCER_SPEC));
        apply(w -> w.openAccount(buffer, 0, AUCTION, AccountType.AUCTION));
        apply(w -> w.openAccount(buffer, 0, E, AccountType.COMPLIANCE));
        apply(w -> w.openAccount(buffer, 0, F, AccountType.COMPLIANCE));
        apply(w -> w.openAccount(buffer, 0, SELLER, AccountType.TRADING));
        apply(w -> w.openAccount(buffer, 0, BUYER, AccountType.TRADING));
        for (final long account : TRADERS)
        {
            apply(w -> w.issueUnits(buffer, 0, account, CEA, 1_000));
            apply(w -> w.issueUnits(buffer, 0, account, CCER, 200));
            apply(w -> w.depositCash(buffer, 0, account, 1_000_000_00L));
        }
        apply(w -> w.issueUnits(buffer, 0, AUCTION, CEA, 5_000));
        return this;
    }

    /**
     * Append random commands.
     */
    RandomJournal commands(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            time += 1_000_000_000L * (1 + random.nextInt(90));
            source = random.nextInt(3) == 0 ? SourceIds.FIX : SourceIds.HTTP;
            user = 1 + random.nextInt(source == SourceIds.FIX ? 1 : 2);
            final int what = random.nextInt(100);
            if (what < 45)
            {
                order();
            }
            else if (what < 52)
            {
                final long id = 1 + random.nextInt((int)Math.max(1, orders));
                apply(w -> w.cancelOrder(buffer, 0, id, trader(), 0, instrument()));
            }
            else if (what < 56)
            {
                final long id = 1 + random.nextInt((int)Math.max(1, orders));
                apply(w -> w.amendOrder(buffer, 0, id, trader(), 0, instrument(), price(), 1 + random.nextInt(50)));
            }
            else if (what < 62)
            {
                apply(w -> w.transferUnits(buffer, 0, trader(), trader(), instrument(), 1 + random.nextInt(30)));
            }
            else if (what < 65)
            {
                apply(w -> w.retireUnits(buffer, 0, trader(), instrument(), 1 + random.nextInt(10), "Steel Co.",
                    "claim"));
            }
            else if (what < 68)
            {
                apply(w -> w.depositCash(buffer, 0, trader(), 1 + random.nextInt(100_000_00)));
            }
            else if (what < 70)
            {
                apply(w -> w.withdrawCash(buffer, 0, trader(), 1 + random.nextInt(10_000_00)));
            }
            else if (what < 73)
            {
                apply(w -> w.pledgeUnits(buffer, 0, trader(), instrument(), 1 + random.nextInt(20),
                    random.nextBoolean()));
            }
            else if (what < 75)
            {
                apply(w -> w.cancelUnits(buffer, 0, trader(), instrument(), 1 + random.nextInt(5)));
            }
            else if (what < 80)
            {
                auction();
            }
            else if (what < 88)
            {
                compliance();
            }
            else
            {
                endOfDay();
            }
        }
        journal.endOfBatch();
        return this;
    }

    /**
     * Close the trading day of the current time, and move the time to the next day's morning.
     */
    void endOfDay()
    {
        final java.time.LocalDate day = java.time.Instant.ofEpochSecond(0, time).atZone(java.time.ZoneOffset.UTC)
            .toLocalDate();
        final int tradingDate = day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth();
        apply(w -> w.endOfTradingDay(buffer, 0, tradingDate));
        time = day.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L +
            3_600_000_000_000L;
    }

    private void order()
    {
        final long id = ++orders;
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final long account = trader();
        final int instrument = instrument();
        final long price = price();
        final long quantity = 1 + random.nextInt(60);
        apply(w -> w.newOrder(buffer, 0, id, account, 0, instrument, side, OrderType.LIMIT, TimeInForce.GTC, false,
            price, quantity, 0));
    }

    private void auction()
    {
        final long id = ++auctions;
        final long start = time;
        final long end = time + 3_600_000_000_000L;
        applyAuction(w -> w.openAuction(buffer, 0, id, CEA, AUCTION, 100 + random.nextInt(900),
            80_00 + random.nextInt(5) * 1_00, 6_000, start, end));
        final int bids = random.nextInt(4);
        for (int b = 0; b < bids; b++)
        {
            time += 60_000_000_000L;
            final long bid = b + 1;
            applyAuction(w -> w.submitBid(buffer, 0, id, bid, trader(), 0, 78_00 + random.nextInt(15) * 1_00,
                10 + random.nextInt(500)));
        }
        if (random.nextBoolean() && bids > 0)
        {
            applyAuction(w -> w.withdrawBid(buffer, 0, id, 1, TRADERS[0], 0));
        }
        time = end + 60_000_000_000L;
        applyAuction(w -> w.closeAuction(buffer, 0, id));
    }

    private void compliance()
    {
        if (!yearOpen)
        {
            final long deadline = time + 86_400_000_000_000L * 2;
            apply(w -> w.openComplianceYear(buffer, 0, year, deadline));
            yearOpen = true;
            return;
        }
        final long account = random.nextBoolean() ? E : F;
        switch (random.nextInt(5))
        {
            case 0 -> apply(w -> w.allocateAllowances(buffer, 0, year, account, CEA, 50 + random.nextInt(300)));
            case 1 -> apply(w -> w.recordEmissions(buffer, 0, year, account, 100 + random.nextInt(400)));
            case 2 -> apply(w -> w.surrenderUnits(buffer, 0, year, account, 0, instrument(), 1 + random.nextInt(200)));
            case 3 ->
            {
                apply(w -> w.closeComplianceYear(buffer, 0, year));
                yearOpen = false;
                year++;
            }
            default -> apply(w -> random.nextBoolean() ?
                w.recordFinePayment(buffer, 0, year - 1, account, "paid") :
                w.waiveFine(buffer, 0, year - 1, account, "waived"));
        }
    }

    private long trader()
    {
        return TRADERS[random.nextInt(TRADERS.length)];
    }

    private int instrument()
    {
        return random.nextInt(4) == 0 ? CCER : CEA;
    }

    private long price()
    {
        return 89_00 + random.nextInt(5) * 50;
    }

    private void apply(final ToIntFunction<CommandWriter> encode)
    {
        journal.append(++sequence, buffer, 0, encode.applyAsInt(writer.envelope(time, source, ++correlation, user)));
    }

    private void applyAuction(final ToIntFunction<AuctionCommandWriter> encode)
    {
        journal.append(++sequence, buffer, 0,
            encode.applyAsInt(auctionWriter.envelope(time, source, ++correlation, user)));
    }

    @Override
    public void close()
    {
        journal.close();
    }
}
