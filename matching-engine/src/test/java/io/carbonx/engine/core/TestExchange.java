package io.carbonx.engine.core;

import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import org.agrona.ExpandableArrayBuffer;

import java.time.LocalDate;

/**
 * Drives an {@link ExchangeStateMachine} with one-line commands, numbering them like a sequencer and returning the
 * events each one caused.
 */
public final class TestExchange
{
    private final ExchangeStateMachine machine;
    private final CommandWriter writer = new CommandWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final CapturedEvents events = new CapturedEvents();
    private long sequence;
    private long time = 1_000_000;
    private int brokerId;

    public TestExchange(final ExchangeSettings settings)
    {
        this.machine = new ExchangeStateMachine(settings);
    }

    public ExchangeStateMachine machine()
    {
        return machine;
    }

    public CapturedEvents allEvents()
    {
        return events;
    }

    /**
     * Orders and cancels sent from now on act through this broker (0: the account holder itself).
     */
    public TestExchange asBroker(final int brokerId)
    {
        this.brokerId = brokerId;
        return this;
    }

    public TestExchange at(final long time)
    {
        this.time = time;
        return this;
    }

    public CapturedEvents list(final InstrumentSpec spec)
    {
        return apply(writer.envelope(time, 0, 0).addInstrument(buffer, 0, spec));
    }

    public CapturedEvents open(final long accountId, final AccountType type)
    {
        return apply(writer.envelope(time, 0, 0).openAccount(buffer, 0, accountId, type));
    }

    public CapturedEvents link(final int broker, final long accountId)
    {
        return apply(writer.envelope(time, 0, 0).linkBroker(buffer, 0, broker, accountId));
    }

    public CapturedEvents issue(final long accountId, final int instrumentId, final long quantity)
    {
        return apply(writer.envelope(time, 0, 0).issueUnits(buffer, 0, accountId, instrumentId, quantity));
    }

    public CapturedEvents deposit(final long accountId, final long amount)
    {
        return apply(writer.envelope(time, 0, 0).depositCash(buffer, 0, accountId, amount));
    }

    public CapturedEvents withdraw(final long accountId, final long amount)
    {
        return apply(writer.envelope(time, 0, 0).withdrawCash(buffer, 0, accountId, amount));
    }

    public CapturedEvents retire(final long accountId, final int instrumentId, final long quantity)
    {
        return apply(writer.envelope(time, 0, 0).retireUnits(
            buffer, 0, accountId, instrumentId, quantity, "Green Steel Co.", "2025 carbon neutrality claim"));
    }

    public CapturedEvents buy(final long orderId, final long accountId, final int instrumentId, final long quantity,
        final long price)
    {
        return order(orderId, accountId, instrumentId, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, price, quantity, 0);
    }

    public CapturedEvents sell(final long orderId, final long accountId, final int instrumentId, final long quantity,
        final long price)
    {
        return order(orderId, accountId, instrumentId, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, price, quantity, 0);
    }

    public CapturedEvents order(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long expireTime)
    {
        return apply(writer.envelope(time, 7, orderId)
            .newOrder(buffer, 0, orderId, accountId, brokerId, instrumentId, side,
            type, timeInForce, false, price, quantity, expireTime));
    }

    public CapturedEvents cancel(final long orderId, final long accountId, final int instrumentId)
    {
        return apply(writer.envelope(time, 7, orderId)
            .cancelOrder(buffer, 0, orderId, accountId, brokerId, instrumentId));
    }

    public CapturedEvents amend(
        final long orderId, final long accountId, final int instrumentId, final long price, final long quantity)
    {
        return apply(writer.envelope(time, 7, orderId)
            .amendOrder(buffer, 0, orderId, accountId, brokerId, instrumentId, price, quantity));
    }

    /**
     * Close a trading day; a clock still before that date (in UTC, the default calendar's zone) moves to its start
     * first, since the engine refuses to close a day ahead of its clock.
     */
    public CapturedEvents endOfDay(final int tradingDate)
    {
        final long dayStart = LocalDate.of(tradingDate / 10_000, tradingDate / 100 % 100, tradingDate % 100)
            .toEpochDay() * 86_400_000_000_000L;
        time = Math.max(time, dayStart);
        return apply(writer.envelope(time, 0, 0).endOfTradingDay(buffer, 0, tradingDate));
    }

    /**
     * Apply an already encoded command at offset 0 of the shared buffer.
     */
    public CapturedEvents apply(final int length)
    {
        final int before = events.size();
        machine.apply(++sequence, buffer, 0, length, events);
        return events.since(before);
    }

    public CommandWriter writer()
    {
        return writer;
    }

    public ExpandableArrayBuffer buffer()
    {
        return buffer;
    }

    public long time()
    {
        return time;
    }
}
