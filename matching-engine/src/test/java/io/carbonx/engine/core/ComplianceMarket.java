package io.carbonx.engine.core;


import io.carbonx.clearing.compliance.ComplianceRules;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.AllowancesAllocatedDecoder;
import io.carbonx.protocol.sbe.ComplianceAssessedDecoder;
import io.carbonx.protocol.sbe.ComplianceYearClosedDecoder;
import io.carbonx.protocol.sbe.EmissionsRecordedDecoder;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.UnitsSurrenderedDecoder;
import io.carbonx.registry.HoldingLimits;

import java.time.Instant;
import java.util.List;

/**
 * A small market for compliance scenarios: allowances of three vintages, an offset and a sink credit, three covered
 * enterprises, a project owner and a trader, a broker linked to the first enterprise; and one-line compliance commands.
 */
final class ComplianceMarket
{
    static final int CEA_2024 = 1;
    static final int CEA_2025 = 2;
    static final int CCER = 3;
    static final int SINK = 4;
    static final int CEA_2026 = 5;

    static final long ENTERPRISE_A = 1001;
    static final long ENTERPRISE_B = 1002;
    static final long ENTERPRISE_C = 1003;
    static final long OWNER = 2001;
    static final long TRADER = 3001;
    static final int BROKER = 7;

    static final long DEADLINE_2025 = nanos("2025-12-31T00:00:00Z");
    static final long DEADLINE_2026 = nanos("2026-12-31T00:00:00Z");
    static final long CASH = 10_000_000_00L;

    final TestExchange exchange;

    ComplianceMarket(final ComplianceRules rules)
    {
        exchange = new TestExchange(TestSettings.settings(HoldingLimits.unlimited(), rules));
        exchange.at(nanos("2025-01-02T00:00:00Z"));
        list(CEA_2024, "CEA-2024", InstrumentKind.ALLOWANCE, 2024, 88_00);
        list(CEA_2025, "CEA-2025", InstrumentKind.ALLOWANCE, 2025, 90_00);
        list(CCER, "CCER", InstrumentKind.OFFSET, 0, 80_00);
        list(SINK, "SINK-FOREST", InstrumentKind.SINK, 0, 60_00);
        list(CEA_2026, "CEA-2026", InstrumentKind.ALLOWANCE, 2026, 92_00);
        for (final long enterprise : new long[]{ENTERPRISE_A, ENTERPRISE_B, ENTERPRISE_C})
        {
            exchange.open(enterprise, AccountType.COMPLIANCE);
            exchange.deposit(enterprise, CASH);
            exchange.issue(enterprise, CEA_2024, 300);
            exchange.issue(enterprise, CCER, 200);
            exchange.issue(enterprise, SINK, 200);
            exchange.issue(enterprise, CEA_2026, 100);
        }
        exchange.open(OWNER, AccountType.PROJECT_OWNER);
        exchange.issue(OWNER, CCER, 1_000);
        exchange.issue(OWNER, SINK, 1_000);
        exchange.issue(OWNER, CEA_2025, 1_000);
        exchange.issue(OWNER, CEA_2024, 1_000);
        exchange.open(TRADER, AccountType.TRADING);
        exchange.deposit(TRADER, CASH);
        exchange.issue(TRADER, CEA_2025, 500);
        exchange.link(BROKER, ENTERPRISE_A);
    }

    static long nanos(final String instant)
    {
        final Instant time = Instant.parse(instant);
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    private void list(final int id, final String symbol, final InstrumentKind kind, final int vintage,
        final long reference)
    {
        exchange.list(new InstrumentSpec(id, symbol, kind, vintage, 1, 1, 1, 99_999, 1_000, reference,
            SelfTradePolicy.CANCEL_INCOMING));
    }

    ComplianceMarket at(final String instant)
    {
        exchange.at(nanos(instant));
        return this;
    }

    CapturedEvents openYear(final int year, final long deadline)
    {
        return exchange.apply(writer().openComplianceYear(exchange.buffer(), 0, year, deadline));
    }

    CapturedEvents allocate(final int year, final long account, final int instrument, final long quantity)
    {
        return exchange.apply(writer().allocateAllowances(exchange.buffer(), 0, year, account, instrument, quantity));
    }

    CapturedEvents emissions(final int year, final long account, final long tonnes)
    {
        return exchange.apply(writer().recordEmissions(exchange.buffer(), 0, year, account, tonnes));
    }

    CapturedEvents surrender(final int year, final long account, final int instrument, final long quantity)
    {
        return surrender(year, account, 0, instrument, quantity);
    }

    CapturedEvents surrender(final int year, final long account, final int broker, final int instrument,
        final long quantity)
    {
        return exchange.apply(writer()
            .surrenderUnits(exchange.buffer(), 0, year, account, broker, instrument, quantity));
    }

    CapturedEvents close(final int year)
    {
        return exchange.apply(writer().closeComplianceYear(exchange.buffer(), 0, year));
    }

    /**
     * Trade {@code quantity} at {@code price} between the project owner (seller) and the trader (buyer).
     */
    CapturedEvents trade(final long orderId, final int instrument, final long quantity, final long price)
    {
        exchange.sell(orderId, OWNER, instrument, quantity, price);
        return exchange.buy(orderId + 1, TRADER, instrument, quantity, price);
    }

    private CommandWriter writer()
    {
        return exchange.writer().envelope(exchange.time(), 3, 0);
    }

    static List<UnitsSurrenderedDecoder> surrendered(final CapturedEvents events)
    {
        return events.all(UnitsSurrenderedDecoder.TEMPLATE_ID, UnitsSurrenderedDecoder::new);
    }

    static List<AllowancesAllocatedDecoder> allocated(final CapturedEvents events)
    {
        return events.all(AllowancesAllocatedDecoder.TEMPLATE_ID, AllowancesAllocatedDecoder::new);
    }

    static List<EmissionsRecordedDecoder> emissionsRecorded(final CapturedEvents events)
    {
        return events.all(EmissionsRecordedDecoder.TEMPLATE_ID, EmissionsRecordedDecoder::new);
    }

    static List<ComplianceAssessedDecoder> assessed(final CapturedEvents events)
    {
        return events.all(ComplianceAssessedDecoder.TEMPLATE_ID, ComplianceAssessedDecoder::new);
    }

    static ComplianceYearClosedDecoder closed(final CapturedEvents events)
    {
        final List<ComplianceYearClosedDecoder> closed =
            events.all(ComplianceYearClosedDecoder.TEMPLATE_ID, ComplianceYearClosedDecoder::new);
        return closed.size() == 1 ? closed.get(0) : null;
    }
}
