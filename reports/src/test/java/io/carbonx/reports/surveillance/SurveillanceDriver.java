package io.carbonx.reports.surveillance;

import io.carbonx.engine.core.CapturingEventSink;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.engine.pipeline.EngineEventListener;
import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.registry.HoldingLimits;
import org.agrona.ExpandableArrayBuffer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A real {@link ExchangeStateMachine} whose every event goes to a {@link SurveillanceMonitor}, with the alerts it
 * raised. Its first command has sequence 0, as in a journal. Commands are written by the engine's own command writer
 * at the time set by {@link #at} and moved on by {@link #later}; a refused command fails the test (a scenario that
 * silently did less would test nothing).
 * <p>
 * The instrument CEA (id 1) has tick 0.01, lot 1, a band of 1000 bps around its reference price of 90.00 (81.00 to
 * 99.00) and cancels an incoming order that would trade with its own account.
 */
final class SurveillanceDriver
{
    static final int CEA = 1;
    static final InstrumentSpec CEA_SPEC = new InstrumentSpec(CEA, "CEA-2025", InstrumentKind.ALLOWANCE, 2025, 1, 1, 1,
        99_999, 1_000, 90_00, SelfTradePolicy.CANCEL_INCOMING);

    final List<Alert> alerts = new ArrayList<>();
    /** Every command applied, as journaled: command i has sequence i. */
    final List<byte[]> commands = new ArrayList<>();
    private final ExchangeStateMachine machine;
    private final CommandWriter writer = new CommandWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final CapturingEventSink events = new CapturingEventSink();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private final EngineEventAdapter adapter;
    private long sequence = -1;
    private final EngineEventListener listener;
    private long correlation;
    private long time;

    SurveillanceDriver(final SurveillanceSettings settings)
    {
        this(settings, null);
    }

    /**
     * @param listener gets every event too, with its command's sequence, as the pipeline hands them; or null.
     */
    SurveillanceDriver(final SurveillanceSettings settings, final EngineEventListener listener)
    {
        this(settings, listener, HoldingLimits.unlimited());
    }

    /**
     * @param limits the scheme's holding limits, which the monitor reads from the driver's registry as the analytic
     *               store's follower does.
     */
    SurveillanceDriver(
        final SurveillanceSettings settings, final EngineEventListener listener, final HoldingLimits limits)
    {
        this.listener = listener;
        machine = new ExchangeStateMachine(TestSettings.settings(limits));
        adapter = new EngineEventAdapter(new SurveillanceMonitor(settings, alerts::add,
            (accountId, instrumentId) -> machine.registry().holdingLimit(accountId, instrumentId)));
        at("2025-01-02T01:00:00Z");
        apply(w -> w.addInstrument(buffer, 0, CEA_SPEC));
    }

    SurveillanceDriver at(final String instant)
    {
        final Instant parsed = Instant.parse(instant);
        time = parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
        return this;
    }

    SurveillanceDriver later(final long millis)
    {
        time += millis * 1_000_000L;
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

    /**
     * Open a trading account with cash and units to trade.
     */
    void trader(final long accountId, final long units)
    {
        apply(w -> w.openAccount(buffer, 0, accountId, AccountType.TRADING));
        apply(w -> w.depositCash(buffer, 0, accountId, 100_000_000_00L));
        if (units > 0)
        {
            issue(accountId, units);
        }
    }

    void issue(final long accountId, final long units)
    {
        apply(w -> w.issueUnits(buffer, 0, accountId, CEA, units));
    }

    void retire(final long accountId, final long units)
    {
        apply(w -> w.retireUnits(buffer, 0, accountId, CEA, units, "Green Steel Co.", "2025 claim"));
    }

    void link(final int brokerId, final long accountId)
    {
        apply(w -> w.linkBroker(buffer, 0, brokerId, accountId));
    }

    void limit(final long orderId, final long accountId, final Side side, final long quantity, final long price)
    {
        apply(w -> w.newOrder(buffer, 0, orderId, accountId, 0, CEA, side, OrderType.LIMIT, TimeInForce.GTC, false,
            price, quantity, 0));
    }

    /**
     * {@code seller} rests a sell, {@code buyer} takes it: one trade of {@code quantity} at {@code price}.
     */
    void trade(final long firstOrderId, final long seller, final long buyer, final long quantity, final long price)
    {
        limit(firstOrderId, seller, Side.SELL, quantity, price);
        limit(firstOrderId + 1, buyer, Side.BUY, quantity, price);
    }

    void cancel(final long orderId, final long accountId)
    {
        apply(w -> w.cancelOrder(buffer, 0, orderId, accountId, 0, CEA));
    }

    void amend(final long orderId, final long accountId, final long price, final long quantity)
    {
        apply(w -> w.amendOrder(buffer, 0, orderId, accountId, 0, CEA, price, quantity));
    }

    void endOfDay(final int tradingDate)
    {
        apply(w -> w.endOfTradingDay(buffer, 0, tradingDate));
    }

    List<Alert> alerts(final AlertKind kind)
    {
        return alerts.stream().filter(alert -> alert.kind() == kind).toList();
    }

    private void apply(final ToIntFunction<CommandWriter> encode)
    {
        final int length = encode.applyAsInt(writer.envelope(time, 0, ++correlation, 0));
        final byte[] command = new byte[length];
        buffer.getBytes(0, command);
        commands.add(command);
        events.clear();
        machine.apply(++sequence, buffer, 0, length, events);
        for (int i = 0; i < events.count(); i++)
        {
            header.wrap(events.buffer(), events.offset(i));
            if (header.templateId() == CommandRejectedDecoder.TEMPLATE_ID)
            {
                rejected.wrap(events.buffer(), events.offset(i) + MessageHeaderDecoder.ENCODED_LENGTH,
                    header.blockLength(), header.version());
                throw new AssertionError("command " + sequence + " was rejected: " + rejected.reason());
            }
            adapter.onEvent(events.buffer(), events.offset(i));
            if (listener != null)
            {
                // the feed reads no length: the adapter finds each event's end from its header
                listener.onEvent(events.buffer(), events.offset(i), 0, sequence);
            }
        }
    }
}
