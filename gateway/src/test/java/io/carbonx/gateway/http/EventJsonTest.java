package io.carbonx.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.carbonx.engine.approval.ApprovalCommandWriter;
import io.carbonx.engine.approval.FourEyesRules;
import io.carbonx.engine.auction.AuctionCommandWriter;
import io.carbonx.engine.core.CapturingEventSink;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.EngineEventHandler;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.registry.HoldingLimits;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON rendering of the engine's events: each event a real {@link ExchangeStateMachine} emitted for commands sent here,
 * rendered by {@link EventJson} with {@code type} first, the fields in schema order, money and prices as decimal text,
 * times as ISO instants; and the source and correlation the HTTP API matches answers by.
 */
class EventJsonTest
{
    private static final int CEA = 1;
    private static final long SELLER = 2001;
    private static final long BUYER = 3001;
    private static final long ENTERPRISE = 1001;
    private static final long AUCTION = 500;
    private static final long CASH = 1_000_000_00L;
    private static final long FEE_BPS = 3;

    private final ExchangeStateMachine machine =
        new ExchangeStateMachine(TestSettings.settings(HoldingLimits.unlimited()));
    private final CommandWriter writer = new CommandWriter();
    private final AuctionCommandWriter auctionWriter = new AuctionCommandWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final CapturingEventSink events = new CapturingEventSink();
    private final EventJson json = new EventJson();
    private final EngineEventAdapter envelopes = new EngineEventAdapter(new EngineEventHandler()
    {
    });
    private long sequence;
    private long time = nanos("2025-01-02T02:00:00Z");
    private int sourceId;
    private long correlationId;

    /**
     * One rendered event and the routing the HTTP API reads from it.
     */
    private record Rendered(Map<String, Object> map, int sourceId, long correlationId)
    {
    }

    @Test
    void anAcceptedOrderAndItsTradeRenderTheirFieldsInSchemaOrderWithPricesAsDecimalText() throws Exception
    {
        market();
        send(w -> w.newOrder(buffer, 0, 1, SELLER, 0, CEA, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            90_00, 100, 0));

        final List<Rendered> answer = send(w -> w.newOrder(buffer, 0, 2, BUYER, 0, CEA, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, false, 91_00, 100, 0));

        assertEquals(3, answer.size(), "accepted, the trade, and the serial blocks it delivered");
        final Map<String, Object> accepted = answer.get(0).map();
        assertEquals("{\"type\":\"OrderAccepted\",\"orderId\":2,\"accountId\":3001,\"instrumentId\":1," +
            "\"side\":\"BUY\",\"price\":\"91.00\",\"quantity\":100}", new ObjectMapper().writeValueAsString(accepted));

        final Map<String, Object> trade = answer.get(1).map();
        assertEquals(List.of("type", "tradeId", "instrumentId", "price", "quantity", "aggressorSide", "takerOrderId",
            "takerAccountId", "makerOrderId", "makerAccountId", "buyerFee", "sellerFee"),
            new ArrayList<>(trade.keySet()));
        final long fee = 100 * 90_00 * FEE_BPS / 10_000;
        final Map<String, Object> expected = new LinkedHashMap<>(trade);
        expected.put("type", "Trade");
        expected.put("instrumentId", CEA);
        expected.put("price", "90.00");
        expected.put("quantity", 100L);
        expected.put("aggressorSide", "BUY");
        expected.put("takerOrderId", 2L);
        expected.put("takerAccountId", BUYER);
        expected.put("makerOrderId", 1L);
        expected.put("makerAccountId", SELLER);
        expected.put("buyerFee", money(fee));
        expected.put("sellerFee", money(fee));
        assertEquals(expected, trade, "the resting order's price, and 3 basis points on each side");
        assertTrue((Long)trade.get("tradeId") > 0, "the engine numbers trades");

        final Map<String, Object> delivered = answer.get(2).map();
        assertEquals("SerialBlocks", delivered.get("type"));
        assertEquals("TRADE", delivered.get("operation"));
        assertEquals(SELLER, delivered.get("fromAccountId"));
        assertEquals(BUYER, delivered.get("toAccountId"));
        assertEquals(trade.get("tradeId"), delivered.get("referenceId"));
        assertEquals(100L, delivered.get("quantity"));
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> blocks = (List<Map<String, Object>>)delivered.get("blocks");
        assertEquals(100L, blocks.stream().mapToLong(b -> (Long)b.get("last") - (Long)b.get("first") + 1).sum(),
            "the blocks delivered are exactly the 100 t traded");
    }

    @Test
    void anEventAnsweringACommandCarriesItsSourceAndCorrelationForTheApiToMatch()
    {
        market();
        send(w -> w.newOrder(buffer, 0, 1, SELLER, 0, CEA, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            90_00, 100, 0));
        sourceId = SourceIds.HTTP;
        correlationId = 77;

        final List<Rendered> answer = send(w -> w.newOrder(buffer, 0, 2, BUYER, 0, CEA, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, false, 90_00, 40, 0));

        assertEquals("OrderAccepted", answer.get(0).map().get("type"));
        assertEquals(SourceIds.HTTP, answer.get(0).sourceId());
        assertEquals(77, answer.get(0).correlationId());
        assertEquals("Trade", answer.get(1).map().get("type"));
        assertEquals(SourceIds.HTTP, answer.get(1).sourceId(),
            "a trade carries the source of the command that caused it");
        assertEquals(77, answer.get(1).correlationId());
    }

    @Test
    void aRejectionNamesTheCommandKindAndTheReason()
    {
        market();
        sourceId = SourceIds.HTTP;
        correlationId = 5;

        final List<Rendered> answer = send(w -> w.newOrder(buffer, 0, 9, 4242, 0, CEA, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, false, 90_00, 10, 0));

        assertEquals(1, answer.size());
        final Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", "CommandRejected");
        expected.put("commandKind", "NEW_ORDER");
        expected.put("orderId", 9L);
        expected.put("accountId", 4242L);
        expected.put("instrumentId", CEA);
        expected.put("reason", "UNKNOWN_ACCOUNT");
        assertEquals(expected, answer.get(0).map());
        assertEquals(5, answer.get(0).correlationId());
    }

    @Test
    void registryChangesAndDayClosesRenderMoneyAsDecimalText()
    {
        market();
        final List<Rendered> deposit = send(w -> w.depositCash(buffer, 0, SELLER, 1_234_56));
        assertEquals("RegistryChanged", deposit.get(0).map().get("type"));
        assertEquals("DEPOSIT", deposit.get(0).map().get("operation"));
        assertEquals(SELLER, deposit.get(0).map().get("accountId"));
        assertEquals("1234.56", deposit.get(0).map().get("amount"));
        send(w -> w.newOrder(buffer, 0, 1, SELLER, 0, CEA, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            90_00, 100, 0));
        send(w -> w.newOrder(buffer, 0, 2, BUYER, 0, CEA, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            90_00, 100, 0));

        final List<Rendered> close = send(w -> w.endOfTradingDay(buffer, 0, 20250102));

        final Map<String, Object> dayClosed = typed(close, "DayClosed").get(0);
        final Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", "DayClosed");
        expected.put("tradingDate", 20250102);
        expected.put("instrumentId", CEA);
        expected.put("closingPrice", "90.00");
        expected.put("volume", 100L);
        expected.put("turnover", money(100 * 90_00));
        assertEquals(expected, dayClosed);
    }

    @Test
    void complianceEventsRenderTimesAsInstantsAndFlagsAsBooleans()
    {
        market();
        final List<Rendered> opened = send(w -> w.openComplianceYear(buffer, 0, 2025, nanos("2025-12-31T00:00:00Z")));
        assertEquals(Map.of("type", "ComplianceYearOpened", "year", 2025, "deadline", "2025-12-30"),
            opened.get(0).map(), "midnight (UTC here) ends the date before: a date-only deadline shown as its date");
        send(w -> w.allocateAllowances(buffer, 0, 2025, ENTERPRISE, CEA, 500));
        final List<Rendered> recorded = send(w -> w.recordEmissions(buffer, 0, 2025, ENTERPRISE, 600));
        assertEquals(600L, recorded.get(0).map().get("obligation"));
        assertEquals(600L * 500 / 10_000, recorded.get(0).map().get("offsetCap"), "China: 5% of verified emissions");
        time = nanos("2026-01-05T00:00:00Z");

        final List<Rendered> late = send(w -> w.surrenderUnits(buffer, 0, 2025, ENTERPRISE, 0, CEA, 500));

        final Map<String, Object> surrendered = late.get(0).map();
        assertEquals("UnitsSurrendered", surrendered.get("type"));
        assertEquals("ALLOWANCE", surrendered.get("kind"));
        assertEquals(Boolean.TRUE, surrendered.get("late"), "after the deadline");
        assertEquals(100L, surrendered.get("remainingObligation"));

        final List<Rendered> close = send(w -> w.closeComplianceYear(buffer, 0, 2025));

        final Map<String, Object> assessed = typed(close, "ComplianceAssessed").get(0);
        assertEquals("INCOMPLETE", assessed.get("status"));
        assertEquals(100L, assessed.get("shortfall"));
        assertEquals(money(100L * 5 * 90_00), assessed.get("penalty"),
            "five times the reference price: without trades, the listed allowance's 90.00");
        assertEquals("90.00", assessed.get("referencePrice"));
        assertEquals(money(100L * 5 * 90_00), typed(close, "ComplianceYearClosed").get(0).get("totalPenalty"));
    }

    @Test
    void auctionEventsRenderTheirWindowsAndResults()
    {
        market();
        final long start = nanos("2025-01-02T03:00:00Z");
        final long end = nanos("2025-01-02T04:00:00Z");
        final List<Rendered> opened = sendAuction(w -> w.openAuction(buffer, 0, 1, CEA, AUCTION, 1_000, 80_00, 6_000,
            start, end));
        final Map<String, Object> auction = opened.get(0).map();
        assertEquals("AuctionOpened", auction.get("type"));
        assertEquals("80.00", auction.get("reservePrice"));
        assertEquals(600L, auction.get("maxBidderQuantity"), "60% of 1,000 t");
        assertEquals("2025-01-02T03:00:00Z", auction.get("bidWindowStart"));
        assertEquals("2025-01-02T04:00:00Z", auction.get("bidWindowEnd"));
        time = nanos("2025-01-02T03:30:00Z");
        final List<Rendered> bid = sendAuction(w -> w.submitBid(buffer, 0, 1, 1, BUYER, 0, 85_00, 600));
        assertEquals(money(600 * 85_00), bid.get(0).map().get("reservedAmount"));
        sendAuction(w -> w.submitBid(buffer, 0, 1, 2, ENTERPRISE, 0, 82_00, 500));
        time = nanos("2025-01-02T04:30:00Z");

        final List<Rendered> close = sendAuction(w -> w.closeAuction(buffer, 0, 1));

        // 1,100 t bid for 1,000 t: the higher bid is filled, the lower one gets the 400 t left and sets the price
        final List<Map<String, Object>> allocations = typed(close, "AuctionAllocation");
        assertEquals(600L, allocations.get(0).get("quantity"));
        assertEquals("82.00", allocations.get(0).get("clearingPrice"));
        assertEquals(money(600 * 82_00), allocations.get(0).get("amount"));
        assertEquals(400L, allocations.get(1).get("quantity"));
        assertEquals(money(400 * 82_00), allocations.get(1).get("amount"));
        final Map<String, Object> result = typed(close, "AuctionResult").get(0);
        assertEquals(1_000L, result.get("volumeSold"));
        assertEquals(money(1_000 * 82_00), result.get("proceeds"));
        assertEquals(1_100L * 10_000 / 1_000, result.get("coverRatioBps"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    @Test
    void anInstrumentIdIsFollowedByItsSymbolWhenTheRendererKnowsIt()
    {
        market();
        final EventJson withSymbols = new EventJson(id -> machine.orderBook(id) == null ? null :
            machine.orderBook(id).instrument().spec().symbol(), ZoneOffset.UTC);
        events.clear();
        machine.apply(++sequence, buffer, 0,
            writer.envelope(time, sourceId, correlationId).issueUnits(buffer, 0, SELLER, CEA, 5), events);
        final Map<String, Object> issued = withSymbols.toMap(events.buffer(), events.offset(0));
        assertEquals(List.of("type", "operation", "accountId", "counterpartyAccountId", "instrumentId", "instrument",
            "quantity", "amount"), new ArrayList<>(issued.keySet()));
        assertEquals("CEA-2025", issued.get("instrument"));
        final Map<String, Object> blocks = withSymbols.toMap(events.buffer(), events.offset(1));
        assertEquals("SerialBlocks", blocks.get("type"));
        assertEquals("CEA-2025", blocks.get("instrument"), "the issued block's instrument by symbol too");

        events.clear();
        machine.apply(++sequence, buffer, 0,
            writer.envelope(time, sourceId, correlationId).depositCash(buffer, 0, SELLER, 1_00), events);
        assertFalse(withSymbols.toMap(events.buffer(), events.offset(0)).containsKey("instrument"),
            "cash names no instrument");
    }

    @Test
    void aProposalAndItsRejectionRenderWhoProposedWhatUntilWhen()
    {
        final ExchangeStateMachine fourEyes = new ExchangeStateMachine(TestSettings.settings(HoldingLimits.unlimited())
            .withFourEyes(new FourEyesRules(true, false, false, 1_000)));
        final ApprovalCommandWriter approvals = new ApprovalCommandWriter();
        final ExpandableArrayBuffer proposed = new ExpandableArrayBuffer(256);
        final int length = writer.envelope(time, SourceIds.HTTP, 1, 4).issueUnits(proposed, 0, SELLER, CEA, 5);
        events.clear();
        fourEyes.apply(7, buffer, 0, approvals.envelope(time, SourceIds.HTTP, 1, 4)
            .proposeAction(buffer, 0, proposed, 0, length), events);
        assertEquals(Map.of("type", "ActionProposed", "proposalId", 7L, "commandTemplateId", 20,
            "expiresAt", Instant.ofEpochSecond(0, time + 1_000).toString()),
            json.toMap(events.buffer(), events.offset(0)));

        events.clear();
        fourEyes.apply(8, buffer, 0, approvals.envelope(time, SourceIds.HTTP, 2, 5).rejectProposal(buffer, 0, 7),
            events);
        assertEquals(Map.of("type", "ProposalRejected", "proposalId", 7L, "commandTemplateId", 20,
            "proposerSourceId", SourceIds.HTTP, "proposerUserId", 4L), json.toMap(events.buffer(), events.offset(0)));
    }

    private void market()
    {
        send(w -> w.addInstrument(buffer, 0, new InstrumentSpec(CEA, "CEA-2025", InstrumentKind.ALLOWANCE, 2025, 1, 1,
            1, 99_999, 1_000, 90_00, SelfTradePolicy.CANCEL_INCOMING)));
        send(w -> w.openAccount(buffer, 0, SELLER, AccountType.TRADING));
        send(w -> w.openAccount(buffer, 0, BUYER, AccountType.TRADING));
        send(w -> w.openAccount(buffer, 0, ENTERPRISE, AccountType.COMPLIANCE));
        send(w -> w.openAccount(buffer, 0, AUCTION, AccountType.AUCTION));
        send(w -> w.issueUnits(buffer, 0, SELLER, CEA, 1_000));
        send(w -> w.issueUnits(buffer, 0, AUCTION, CEA, 1_000));
        send(w -> w.depositCash(buffer, 0, BUYER, CASH));
        send(w -> w.depositCash(buffer, 0, ENTERPRISE, CASH));
    }

    private List<Rendered> send(final ToIntFunction<CommandWriter> command)
    {
        return apply(command.applyAsInt(writer.envelope(time, sourceId, correlationId)));
    }

    private List<Rendered> sendAuction(final ToIntFunction<AuctionCommandWriter> command)
    {
        return apply(command.applyAsInt(auctionWriter.envelope(time, sourceId, correlationId)));
    }

    /**
     * Applies the command and renders each event it caused, as the HTTP API does.
     */
    private List<Rendered> apply(final int length)
    {
        events.clear();
        machine.apply(++sequence, buffer, 0, length, events);
        final List<Rendered> rendered = new ArrayList<>();
        for (int i = 0; i < events.count(); i++)
        {
            final EventEnvelopeDecoder envelope = envelopes.envelope(events.buffer(), events.offset(i));
            rendered.add(new Rendered(json.toMap(events.buffer(), events.offset(i)), envelope.sourceId(),
                envelope.correlationId()));
        }
        return rendered;
    }

    private static List<Map<String, Object>> typed(final List<Rendered> rendered, final String type)
    {
        final List<Map<String, Object>> maps = new ArrayList<>();
        for (final Rendered event : rendered)
        {
            if (type.equals(event.map().get("type")))
            {
                maps.add(event.map());
            }
        }
        assertFalse(maps.isEmpty(), "no " + type + " among " + rendered);
        return maps;
    }

    private static String money(final long minorUnits)
    {
        return BigDecimal.valueOf(minorUnits, 2).toPlainString();
    }

    private static long nanos(final String instant)
    {
        final Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
    }
}
