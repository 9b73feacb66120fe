package io.carbonx.gateway.http;

import io.carbonx.protocol.Money;
import io.carbonx.protocol.Fields;
import io.carbonx.engine.instrument.Instruments;

import io.carbonx.protocol.InvalidFieldException;
import io.carbonx.clearing.compliance.ComplianceYear;
import io.carbonx.clearing.compliance.EnterpriseRecord;
import io.carbonx.engine.book.BookView;
import io.carbonx.engine.book.Order;
import io.carbonx.engine.book.PriceLevel;
import io.carbonx.engine.core.ExchangeView;
import io.carbonx.protocol.sbe.ComplianceStatus;
import io.carbonx.protocol.sbe.FineStatus;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.registry.Account;
import io.carbonx.registry.Holding;
import io.carbonx.reports.UnitAttributesJson;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read endpoints, answered from the read replica under its lock. Each takes {@code ?after=<sequence>}: the
 * {@link HttpApi} runs the handler only once the replica has applied that command (a command endpoint's answer already
 * waits for its own, so reads after it see it without the parameter).
 */
final class ReadEndpoints
{
    private final ReadReplica replica;
    private final Authorizer authorizer;
    private final Instruments instruments;
    private final ZoneId zone;
    private final Map<Long, String> accountNames;

    /**
     * @param accountNames names of accounts by id, for the published compliance lists (the operators, by name).
     */
    ReadEndpoints(final ReadReplica replica, final Authorizer authorizer, final Instruments instruments,
        final ZoneId zone, final Map<Long, String> accountNames)
    {
        this.replica = replica;
        this.authorizer = authorizer;
        this.instruments = instruments;
        this.zone = zone;
        this.accountNames = accountNames;
    }

    void register(final RouteTable routes)
    {
        routes.add("GET", "/accounts", this::accounts);
        routes.add("GET", "/accounts/{id}", this::account);
        routes.add("GET", "/accounts/{id}/holdings", this::holdings);
        routes.add("GET", "/accounts/{id}/orders", this::orders);
        routes.add("GET", "/trades", this::trades);
        routes.add("GET", "/compliance", this::complianceYears);
        routes.add("GET", "/compliance/{year}", this::complianceYear);
        routes.add("GET", "/compliance/{year}/unpaid-fines", this::unpaidFines);
        routes.add("GET", "/compliance/{year}/breaches", this::breaches);
    }

    private long accountParam(final ApiRequest request) throws InterruptedException
    {
        final long accountId = request.pathLong("id");
        authorizer.requireAccount(request.user(), accountId);
        return accountId;
    }

    /**
     * The accounts the user may act for (a regulator: all), in id order, each with its type, name and cash.
     */
    private ApiResponse accounts(final ApiRequest request)
    {
        return ApiResponse.json(200, replica.read(machine ->
        {
            final List<Map<String, Object>> rows = new ArrayList<>();
            final List<Account> all = new ArrayList<>(machine.registry().accounts());
            all.sort((a, b) -> Long.compare(a.id(), b.id()));
            for (final Account account : all)
            {
                if (authorizer.mayActFor(request.user(), account.id()))
                {
                    final Map<String, Object> row = new LinkedHashMap<>();
                    row.put("account", account.id());
                    row.put("name", accountNames.get(account.id()));
                    row.put("type", account.type().name());
                    row.put("cash", Money.format(account.cashTotal()));
                    row.put("holdings", account.holdingCount());
                    rows.add(row);
                }
            }
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("accounts", rows);
            body.put("sequence", machine.lastAppliedSequence());
            return body;
        }));
    }

    private ApiResponse account(final ApiRequest request) throws InterruptedException
    {
        final long accountId = accountParam(request);
        return ApiResponse.json(200, replica.read(machine ->
        {
            final Account account = existing(machine, accountId);
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("account", accountId);
            body.put("type", account.type().name());
            final Map<String, Object> cash = new LinkedHashMap<>();
            cash.put("total", Money.format(account.cashTotal()));
            cash.put("reserved", Money.format(account.cashReserved()));
            cash.put("available", Money.format(account.cashAvailable()));
            body.put("cash", cash);
            body.put("sequence", machine.lastAppliedSequence());
            return body;
        }));
    }

    private ApiResponse holdings(final ApiRequest request) throws InterruptedException
    {
        final long accountId = accountParam(request);
        return ApiResponse.json(200, replica.read(machine ->
        {
            final Account account = existing(machine, accountId);
            final List<Map<String, Object>> holdings = new ArrayList<>();
            for (int i = 0; i < account.holdingCount(); i++)
            {
                final Holding holding = account.holdingAt(i);
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("instrument", instruments.symbol(holding.instrumentId()));
                row.put("instrumentId", holding.instrumentId());
                row.put("total", holding.total());
                row.put("reserved", holding.reserved());
                row.put("pledged", holding.pledged());
                row.put("locked", holding.locked());
                row.put("available", holding.available());
                // The unpledged blocks in the order they will leave, then the pledged ones in the order a release
                // gives them back: together every unit held.
                row.put("serialBlocks", UnitAttributesJson.blocks(
                    holding.serials(), machine.registry().projectIssuances(), holding.instrumentId()));
                row.put("pledgedBlocks", UnitAttributesJson.blocks(
                    holding.pledgedSerials(), machine.registry().projectIssuances(), holding.instrumentId()));
                holdings.add(row);
            }
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("account", accountId);
            body.put("holdings", holdings);
            body.put("sequence", machine.lastAppliedSequence());
            return body;
        }));
    }

    private ApiResponse orders(final ApiRequest request) throws InterruptedException
    {
        final long accountId = accountParam(request);
        return ApiResponse.json(200, replica.read(machine ->
        {
            existing(machine, accountId);
            final List<Map<String, Object>> orders = new ArrayList<>();
            for (final int instrumentId : instruments.all().keySet())
            {
                final BookView book = machine.orderBook(instrumentId);
                if (book != null)
                {
                    collectOrders(book, Side.BUY, accountId, orders);
                    collectOrders(book, Side.SELL, accountId, orders);
                }
            }
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("account", accountId);
            body.put("orders", orders);
            body.put("sequence", machine.lastAppliedSequence());
            return body;
        }));
    }

    private void collectOrders(final BookView book, final Side side, final long accountId, final List<Map<String,
        Object>> into)
    {
        for (int depth = 0; depth < book.levelCount(side); depth++)
        {
            final PriceLevel level = book.level(side, depth);
            for (Order order = level.head(); order != null; order = PriceLevel.next(order))
            {
                if (order.accountId() == accountId)
                {
                    final Map<String, Object> row = new LinkedHashMap<>();
                    row.put("orderId", order.orderId());
                    row.put("instrument", instruments.symbol(book.instrument().id()));
                    row.put("instrumentId", book.instrument().id());
                    row.put("side", side.name());
                    row.put("price", Money.format(order.price()));
                    row.put("quantity", order.quantity());
                    row.put("filled", order.filled());
                    row.put("leaves", order.leaves());
                    row.put("timeInForce", order.timeInForce().name());
                    into.add(row);
                }
            }
        }
    }

    private ApiResponse trades(final ApiRequest request) throws InterruptedException
    {
        final long accountId = request.queryLong("account", 0);
        if (accountId == 0 && request.user().role() != ApiRole.REGULATOR)
        {
            throw ApiException.badRequest("query parameter 'account': required for a " + request.user().role());
        }
        if (accountId != 0)
        {
            authorizer.requireAccount(request.user(), accountId);
        }
        final String dateText = request.query().get("date");
        final int date = dateText == null ? 0 : queryDate(dateText);
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (final TradeRecord trade : replica.trades(accountId, date))
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("tradeId", trade.tradeId());
            row.put("tradingDate", trade.tradingDate() == 0 ? null : Fields.formatDate(trade.tradingDate()));
            row.put("instrument", instruments.symbol(trade.instrumentId()));
            row.put("instrumentId", trade.instrumentId());
            row.put("price", Money.format(trade.price()));
            row.put("quantity", trade.quantity());
            row.put("buyerAccount", trade.buyerAccountId());
            row.put("sellerAccount", trade.sellerAccountId());
            row.put("buyerFee", Money.format(trade.buyerFee()));
            row.put("sellerFee", Money.format(trade.sellerFee()));
            rows.add(row);
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", dateText == null ? "open" : dateText);
        body.put("trades", rows);
        return ApiResponse.json(200, body);
    }

    /**
     * The year's ledger per enterprise as it stands: a regulator sees every enterprise, others those they may act for.
     */
    /**
     * {@code GET /compliance}: the compliance years the engine holds, oldest first, with their state and deadline (none
     * for a year not yet opened, which holds only what an earlier close carried or deducted into it); anyone may
     * know which years exist (each year's rows are {@code GET /compliance/{year}}, as the caller may see them).
     */
    private ApiResponse complianceYears(final ApiRequest request) throws InterruptedException
    {
        return ApiResponse.json(200, Map.of("years", replica.read(machine ->
        {
            final List<Map<String, Object>> years = new ArrayList<>();
            for (final ComplianceYear ledger : machine.compliance().years())
            {
                final Map<String, Object> year = new LinkedHashMap<>();
                year.put("year", ledger.year());
                year.put("state", ledger.state().name());
                if (ledger.state() != ComplianceYear.State.NOT_OPENED)
                {
                    year.put("deadline", Fields.deadline(ledger.deadline(), zone));
                }
                years.add(year);
            }
            return years;
        })));
    }

    private ApiResponse complianceYear(final ApiRequest request) throws InterruptedException
    {
        final long year = request.pathLong("year");
        final ApiUser user = request.user();
        final List<Long> accounts = replica.read(machine ->
        {
            final ComplianceYear ledger = machine.compliance().year((int)year);
            if (ledger == null)
            {
                throw ApiException.notFound("no compliance year " + year);
            }
            final List<Long> ids = new ArrayList<>();
            for (final EnterpriseRecord record : ledger.records())
            {
                ids.add(record.accountId());
            }
            return ids;
        });
        final List<Long> visible = new ArrayList<>();
        for (final long accountId : accounts)
        {
            if (authorizer.mayActFor(user, accountId))
            {
                visible.add(accountId);
            }
        }
        return ApiResponse.json(200, replica.read(machine ->
        {
            final ComplianceYear ledger = machine.compliance().year((int)year);
            final boolean closed = ledger.state() == ComplianceYear.State.CLOSED;
            final List<Map<String, Object>> rows = new ArrayList<>();
            for (final long accountId : visible)
            {
                final EnterpriseRecord record = ledger.record(accountId);
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("account", accountId);
                row.put("emissions", record.emissions());
                row.put("carriedForward", record.carriedForward());
                row.put("obligation", record.obligation());
                row.put("allocated", record.allocated());
                row.put("deducted", record.deducted());
                row.put("allowancesSurrendered", record.allowancesSurrendered());
                row.put("offsetsSurrendered", record.offsetsSurrendered());
                row.put("surrenderedLate", record.surrenderedLate());
                row.put("remainingObligation", record.remainingObligation());
                if (closed)
                {
                    row.put("status", record.status() == ComplianceStatus.NULL_VAL ? null : record.status().name());
                    row.put("shortfall", record.shortfall());
                    row.put("penalty", Money.format(record.penalty()));
                    row.put("referencePrice", Money.format(record.referencePrice()));
                    row.put("nextYearDeduction", record.nextYearDeduction());
                    row.put("nextYearCarryForward", record.nextYearCarryForward());
                    fine(row, record, machine.clock());
                }
                row.put("priceMultiple", record.priceMultiple());
                row.put("corrections", record.corrections());
                rows.add(row);
            }
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("year", year);
            body.put("state", ledger.state().name());
            body.put("deadline", Fields.deadline(ledger.deadline(), zone));
            body.put("enterprises", rows);
            body.put("sequence", machine.lastAppliedSequence());
            return body;
        }));
    }

    /**
     * The fine as a payable: status as of the engine's clock (the time of the last command applied), so a DUE fine
     * whose due date that clock has passed reads OVERDUE.
     */
    private static void fine(final Map<String, Object> row, final EnterpriseRecord record, final long asOf)
    {
        final FineStatus status = record.fineStatus(asOf);
        row.put("fineStatus", status == FineStatus.NULL_VAL ? null : status.name());
        row.put("fineDue", record.fineDue() == 0 ? null : Instant.ofEpochSecond(0, record.fineDue()).toString());
        row.put("fineReference", record.fineReference().isEmpty() ? null : record.fineReference());
    }

    /**
     * Regulator only: the year's fines not paid or waived (DUE or OVERDUE as of the engine's clock).
     */
    private ApiResponse unpaidFines(final ApiRequest request) throws InterruptedException
    {
        if (request.user().role() != ApiRole.REGULATOR)
        {
            throw ApiException.forbidden("unpaid fines are the regulator's");
        }
        final long year = request.pathLong("year");
        return ApiResponse.json(200, replica.read(machine ->
        {
            final ComplianceYear ledger = closedYear(machine.compliance().year((int)year), year);
            final List<Map<String, Object>> rows = new ArrayList<>();
            long total = 0;
            for (final EnterpriseRecord record : ledger.records())
            {
                final FineStatus status = record.fineStatus(machine.clock());
                if (status == FineStatus.DUE || status == FineStatus.OVERDUE)
                {
                    final Map<String, Object> row = new LinkedHashMap<>();
                    row.put("account", record.accountId());
                    row.put("name", accountNames.getOrDefault(record.accountId(), ""));
                    row.put("amount", Money.format(record.penalty()));
                    fine(row, record, machine.clock());
                    rows.add(row);
                    total += record.penalty();
                }
            }
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("year", year);
            body.put("currency", machine.compliance().rules().currency());
            body.put("asOf", Instant.ofEpochSecond(0, machine.clock()).toString());
            body.put("fines", rows);
            body.put("total", Money.format(total));
            return body;
        }));
    }

    /**
     * Any user: the published list of operators in breach of the year's surrender obligation, those whose
     * assessment is not COMPLETE (LATE or INCOMPLETE; EU Art. 16(2) publishes their names).
     */
    private ApiResponse breaches(final ApiRequest request) throws InterruptedException
    {
        final long year = request.pathLong("year");
        return ApiResponse.json(200, replica.read(machine ->
        {
            final ComplianceYear ledger = closedYear(machine.compliance().year((int)year), year);
            final List<Map<String, Object>> rows = new ArrayList<>();
            for (final EnterpriseRecord record : ledger.records())
            {
                if (record.status() == ComplianceStatus.LATE || record.status() == ComplianceStatus.INCOMPLETE)
                {
                    final Map<String, Object> row = new LinkedHashMap<>();
                    row.put("account", record.accountId());
                    row.put("name", accountNames.getOrDefault(record.accountId(), ""));
                    row.put("status", record.status().name());
                    row.put("notSurrenderedOnTime", record.notSurrenderedOnTime());
                    row.put("shortfall", record.shortfall());
                    rows.add(row);
                }
            }
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("year", year);
            body.put("breaches", rows);
            return body;
        }));
    }

    private static ComplianceYear closedYear(final ComplianceYear ledger, final long year)
    {
        if (ledger == null || ledger.state() != ComplianceYear.State.CLOSED)
        {
            throw ApiException.notFound("no closed compliance year " + year);
        }
        return ledger;
    }

    static int queryDate(final String text)
    {
        try
        {
            return Fields.date("date", text);
        }
        catch (final InvalidFieldException ex)
        {
            throw ApiException.badRequest("query parameter 'date': expected a date yyyy-mm-dd, was '" + text + "'");
        }
    }

    private static Account existing(final ExchangeView machine, final long accountId)
    {
        final Account account = machine.registry().account(accountId);
        if (account == null)
        {
            throw ApiException.notFound("no such account " + accountId);
        }
        return account;
    }
}
