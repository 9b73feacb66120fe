package io.carbonx.reports;

import io.carbonx.engine.auction.AuctionCommandWriter;
import io.carbonx.engine.core.CapturingEventSink;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.registry.HoldingLimits;
import org.agrona.ExpandableArrayBuffer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Drives report folds the way a journal replay does ({@link JournalReports}): each command is applied to a real
 * {@link ExchangeStateMachine}, every event it emits goes to every fold in order, and the end of a trading day (the
 * {@code EndOfTradingDay} command) ends the folds' day with the registry's balances before and after it; {@link
 * #finish} ends the day still open (date 0).
 * <p>
 * Commands are written by the engine's own command writers with the time set by {@link #at}, never by hand.
 */
final class ReportDriver
{
    private final ExchangeStateMachine machine =
        new ExchangeStateMachine(TestSettings.settings(HoldingLimits.unlimited()));
    private final CommandWriter writer = new CommandWriter();
    private final AuctionCommandWriter auctionWriter = new AuctionCommandWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final CapturingEventSink events = new CapturingEventSink();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private final List<ReportFold> folds = new ArrayList<>();
    private final List<EngineEventAdapter> adapters = new ArrayList<>();
    private Balances opening = Balances.empty();
    private long sequence;
    private long correlation;
    private long time;
    private int sourceId;
    private long userId;

    ReportDriver folds(final ReportFold... added)
    {
        for (final ReportFold fold : added)
        {
            folds.add(fold);
            adapters.add(new EngineEventAdapter(fold));
        }
        return this;
    }

    ReportDriver at(final String instant)
    {
        final Instant parsed = Instant.parse(instant);
        time = parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
        return this;
    }

    /**
     * The commands from now on come from this source and user (until then: the exchange itself, source 0, user 0).
     */
    ReportDriver as(final int source, final long user)
    {
        this.sourceId = source;
        this.userId = user;
        return this;
    }

    long time()
    {
        return time;
    }

    long lastSequence()
    {
        return sequence;
    }

    // ------------------------------------------------------------------------------------------------ commands

    void list(final InstrumentSpec spec)
    {
        apply(w -> w.addInstrument(buffer, 0, spec));
    }

    void open(final long accountId, final AccountType type)
    {
        apply(w -> w.openAccount(buffer, 0, accountId, type));
    }

    void issue(final long accountId, final int instrumentId, final long quantity)
    {
        apply(w -> w.issueUnits(buffer, 0, accountId, instrumentId, quantity));
    }

    void deposit(final long accountId, final long amount)
    {
        apply(w -> w.depositCash(buffer, 0, accountId, amount));
    }

    void withdraw(final long accountId, final long amount)
    {
        apply(w -> w.withdrawCash(buffer, 0, accountId, amount));
    }

    void transfer(final long from, final long to, final int instrumentId, final long quantity)
    {
        apply(w -> w.transferUnits(buffer, 0, from, to, instrumentId, quantity));
    }

    void retire(final long accountId, final int instrumentId, final long quantity)
    {
        apply(w -> w.retireUnits(buffer, 0, accountId, instrumentId, quantity, "Green Steel Co.", "2025 claim"));
    }

    void cancelUnits(final long accountId, final int instrumentId, final long quantity)
    {
        apply(w -> w.cancelUnits(buffer, 0, accountId, instrumentId, quantity));
    }

    void pledge(final long accountId, final int instrumentId, final long quantity, final boolean release)
    {
        apply(w -> w.pledgeUnits(buffer, 0, accountId, instrumentId, quantity, release));
    }

    void limit(final long orderId, final long accountId, final int instrumentId, final Side side, final long quantity,
        final long price)
    {
        apply(w -> w.newOrder(buffer, 0, orderId, accountId, 0, instrumentId, side, OrderType.LIMIT, TimeInForce.GTC,
            false, price, quantity, 0));
    }

    void endOfDay(final int tradingDate)
    {
        apply(w -> w.endOfTradingDay(buffer, 0, tradingDate));
        final Balances closing = JournalReports.capture(machine.registry());
        for (final ReportFold fold : folds)
        {
            fold.onDayEnd(tradingDate, opening, closing);
        }
        opening = closing;
    }

    void openComplianceYear(final int year, final String deadline)
    {
        final Instant parsed = Instant.parse(deadline);
        final long nanos = parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
        apply(w -> w.openComplianceYear(buffer, 0, year, nanos));
    }

    void allocate(final int year, final long accountId, final int instrumentId, final long quantity)
    {
        apply(w -> w.allocateAllowances(buffer, 0, year, accountId, instrumentId, quantity));
    }

    void emissions(final int year, final long accountId, final long emissions)
    {
        apply(w -> w.recordEmissions(buffer, 0, year, accountId, emissions));
    }

    void surrender(final int year, final long accountId, final int instrumentId, final long quantity)
    {
        apply(w -> w.surrenderUnits(buffer, 0, year, accountId, 0, instrumentId, quantity));
    }

    void closeComplianceYear(final int year)
    {
        apply(w -> w.closeComplianceYear(buffer, 0, year));
    }

    void openAuction(final long auctionId, final int instrumentId, final long auctionAccountId, final long volume,
        final long reservePrice, final int maxShareBps, final String windowStart, final String windowEnd)
    {
        final long start = nanos(windowStart);
        final long end = nanos(windowEnd);
        applyAuction(w -> w.openAuction(buffer, 0, auctionId, instrumentId, auctionAccountId, volume, reservePrice,
            maxShareBps, start, end));
    }

    void bid(final long auctionId, final long bidId, final long accountId, final long price, final long quantity)
    {
        applyAuction(w -> w.submitBid(buffer, 0, auctionId, bidId, accountId, 0, price, quantity));
    }

    void closeAuction(final long auctionId)
    {
        applyAuction(w -> w.closeAuction(buffer, 0, auctionId));
    }

    /**
     * Ends the day still open at the end of the journal, as a replay does.
     */
    void finish()
    {
        final Balances closing = JournalReports.capture(machine.registry());
        for (final ReportFold fold : folds)
        {
            fold.onDayEnd(0, opening, closing);
        }
    }

    // ------------------------------------------------------------------------------------------------ private

    private void apply(final ToIntFunction<CommandWriter> encode)
    {
        apply(encode.applyAsInt(writer.envelope(time, sourceId, ++correlation, userId)));
    }

    private void applyAuction(final ToIntFunction<AuctionCommandWriter> encode)
    {
        apply(encode.applyAsInt(auctionWriter.envelope(time, sourceId, ++correlation, userId)));
    }

    private void apply(final int length)
    {
        events.clear();
        machine.apply(++sequence, buffer, 0, length, events);
        for (int i = 0; i < events.count(); i++)
        {
            // A scenario whose command is refused would test the wrong figures: stop at the first refusal.
            header.wrap(events.buffer(), events.offset(i));
            if (header.templateId() == CommandRejectedDecoder.TEMPLATE_ID)
            {
                rejected.wrap(events.buffer(), events.offset(i) + MessageHeaderDecoder.ENCODED_LENGTH,
                    header.blockLength(), header.version());
                throw new AssertionError("command " + sequence + " was rejected: " + rejected.reason());
            }
            for (final EngineEventAdapter adapter : adapters)
            {
                adapter.onEvent(events.buffer(), events.offset(i));
            }
        }
    }

    private static long nanos(final String instant)
    {
        final Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
    }
}
