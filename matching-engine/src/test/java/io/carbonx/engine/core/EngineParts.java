package io.carbonx.engine.core;

import io.carbonx.engine.event.EventEnvelope;

import io.carbonx.clearing.BuyOrderReservation;
import io.carbonx.clearing.TradeSettlement;
import io.carbonx.clearing.compliance.ComplianceDesk;
import io.carbonx.engine.approval.ApprovalDesk;
import io.carbonx.engine.auction.AuctionHouse;
import io.carbonx.engine.block.BlockTradeDesk;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.registry.Registry;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

/**
 * The state machine's parts wired as the machine wires them, without its dispatch, so a test can call one command
 * class directly: encode a command with {@link #writer()}, {@link #decode} it, {@link #begin} its events, call the
 * class, and read what it published from {@link #events}.
 */
final class EngineParts
{
    static final int CEA = 1;
    static final int CCER = 2;

    final ExchangeSettings settings = TestSettings.settings(HoldingLimits.unlimited());
    final Registry registry =
        new Registry(settings.feeAccountId(), settings.holdingLimits(), settings.maxInstrumentId(),
            settings.serialRangeCapacity());
    final Market market = new Market(settings);
    final EventEnvelope envelope = new EventEnvelope();
    final EventPublisher publisher = new EventPublisher(envelope);
    final AuctionHouse auctions = new AuctionHouse(registry, envelope);
    final ComplianceDesk compliance = new ComplianceDesk(registry, settings.compliance(), market);
    final OrderCommands orders;
    final RegistryCommands registryCommands = new RegistryCommands(registry, publisher);
    final TradingDayCommands tradingDay;
    final StateSnapshot snapshot;
    final CapturedEvents events = new CapturedEvents();

    private final CommandWriter writer = new CommandWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private long sequence;

    EngineParts()
    {
        final TradeSettlement settlement = new TradeSettlement(registry, settings.fees());
        final BuyOrderReservation buyReservation = new BuyOrderReservation(settings.fees());
        final BlockTradeDesk blockTrades =
            new BlockTradeDesk(settings.blockTrades(), registry, settlement, buyReservation, envelope);
        orders = new OrderCommands(registry, settlement, buyReservation, blockTrades,
            settings.blockTrades().countsInClosePrice(), market, publisher);
        tradingDay = new TradingDayCommands(
            settings.maxInstrumentId(), settings.calendar(), registry, compliance, market, orders, publisher);
        snapshot = new StateSnapshot(registry, market, tradingDay, auctions, compliance,
            new ApprovalDesk(settings.fourEyes(), envelope));
    }

    static InstrumentSpec cea()
    {
        return new InstrumentSpec(CEA, "CEA-2025", InstrumentKind.ALLOWANCE, 2025, 1, 1, 1, 99_999, 1_000, 100_00,
            SelfTradePolicy.CANCEL_INCOMING);
    }

    static InstrumentSpec ccer()
    {
        return new InstrumentSpec(CCER, "CCER-2024", InstrumentKind.OFFSET, 2024, 1, 1, 1, 99_999, 1_000, 50_00,
            SelfTradePolicy.CANCEL_INCOMING);
    }

    /**
     * A command writer at time {@code time}; write into {@link #buffer()} at offset 0.
     */
    CommandWriter writer(final long time)
    {
        return writer.envelope(time, 0, 0);
    }

    ExpandableArrayBuffer buffer()
    {
        return buffer;
    }

    /**
     * Wrap the command at offset 0 of the buffer.
     */
    <D extends MessageDecoderFlyweight> D decode(final D decoder)
    {
        header.wrap(buffer, 0);
        decoder.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        return decoder;
    }

    /**
     * Start the next command's events.
     *
     * @return the events so far, to pass to {@link CapturedEvents#since} for what this command publishes.
     */
    int begin(final long time)
    {
        envelope.begin(events, ++sequence, time, 0, 0, 0);
        return events.size();
    }
}
