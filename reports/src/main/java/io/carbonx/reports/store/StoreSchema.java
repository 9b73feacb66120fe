package io.carbonx.reports.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analytic store's tables: append-only, one row per fact of an event, each with the journal {@code sequence} of
 * the command whose event it is and {@code event}, the event's place among that command's events (so rows sort in the
 * order the engine emitted them). Amounts are fixed-point {@code BIGINT}s (0.01 currency units; tonnes), times
 * {@code ts} nanoseconds since the epoch (the command's timestamp), users the name of whoever's command it was
 * ({@code alice (approved by bob)} under four-eyes). A row belongs to the trading day closed by the first
 * {@code day_closes} row at or after its sequence, or to the open day when there is none.
 */
public final class StoreSchema
{
    /**
     * Column definitions by table, in the order the writer appends them.
     */
    public static final Map<String, String> TABLES = tables();

    private static final String EVENT = "sequence BIGINT NOT NULL, event BIGINT NOT NULL, ts BIGINT NOT NULL, ";

    private StoreSchema()
    {
    }

    private static Map<String, String> tables()
    {
        final Map<String, String> tables = new LinkedHashMap<>();
        tables.put("progress", "sequence BIGINT NOT NULL");
        tables.put("orders", EVENT + "user_name VARCHAR, outcome VARCHAR NOT NULL, order_id BIGINT, account BIGINT, " +
            "instrument BIGINT, side VARCHAR, price BIGINT, quantity BIGINT, leaves BIGINT, reason VARCHAR");
        tables.put("trades", EVENT + "user_name VARCHAR, trade_id BIGINT, instrument BIGINT, price BIGINT, " +
            "quantity BIGINT, aggressor VARCHAR, taker_order BIGINT, taker_account BIGINT, maker_order BIGINT, " +
            "maker_account BIGINT, buyer_account BIGINT, seller_account BIGINT, buyer_fee BIGINT, seller_fee BIGINT");
        tables.put("block_trades", EVENT + "user_name VARCHAR, trade_id BIGINT, cross_id BIGINT, " +
            "instrument BIGINT, price BIGINT, quantity BIGINT, buyer_account BIGINT, seller_account BIGINT, " +
            "buyer_fee BIGINT, seller_fee BIGINT, in_closing_price BOOLEAN");
        tables.put("serial_blocks", EVENT + "block BIGINT NOT NULL, user_name VARCHAR, operation VARCHAR, " +
            "instrument BIGINT, from_account BIGINT, to_account BIGINT, reference BIGINT, first_serial BIGINT, " +
            "last_serial BIGINT, quantity BIGINT");
        tables.put("registry_changes", EVENT + "user_name VARCHAR, operation VARCHAR, account BIGINT, " +
            "counterparty BIGINT, instrument BIGINT, quantity BIGINT, amount BIGINT");
        tables.put("cash_movements", EVENT + "line_no BIGINT NOT NULL, account BIGINT, line VARCHAR, " +
            "reference VARCHAR, instrument BIGINT, price BIGINT, units BIGINT, cash BIGINT, fee BIGINT, " +
            "user_name VARCHAR");
        tables.put("auction_bids", EVENT + "user_name VARCHAR, action VARCHAR, auction BIGINT, bid BIGINT, " +
            "account BIGINT, price BIGINT, quantity BIGINT");
        tables.put("auction_allocations", EVENT + "auction BIGINT, instrument BIGINT, bid BIGINT, account BIGINT, " +
            "bid_price BIGINT, bid_quantity BIGINT, quantity BIGINT, clearing_price BIGINT, amount BIGINT");
        tables.put("auction_results", EVENT + "user_name VARCHAR, auction BIGINT, instrument BIGINT, " +
            "auction_account BIGINT, clearing_price BIGINT, reserve_price BIGINT, volume_offered BIGINT, " +
            "volume_sold BIGINT, proceeds BIGINT, bids BIGINT, bidders BIGINT, winners BIGINT, cover_ratio_bps BIGINT");
        tables.put("auction_cancellations", EVENT + "auction BIGINT, instrument BIGINT, reason VARCHAR, " +
            "volume_offered BIGINT, reserve_price BIGINT, clearing_price BIGINT, bids BIGINT, bidders BIGINT");
        tables.put("allocations", EVENT + "user_name VARCHAR, year BIGINT, account BIGINT, instrument BIGINT, " +
            "requested BIGINT, deducted BIGINT, quantity BIGINT");
        tables.put("surrenders", EVENT + "user_name VARCHAR, year BIGINT, account BIGINT, instrument BIGINT, " +
            "kind VARCHAR, quantity BIGINT, late BOOLEAN");
        tables.put("compliance_assessments", EVENT + "user_name VARCHAR, year BIGINT, account BIGINT, " +
            "emissions BIGINT, carried_forward BIGINT, obligation BIGINT, allowances_surrendered BIGINT, " +
            "offsets_surrendered BIGINT, surrendered_late BIGINT, shortfall BIGINT, status VARCHAR, " +
            "status_code BIGINT, penalty BIGINT, reference_price BIGINT, next_year_deduction BIGINT, " +
            "next_year_carry_forward BIGINT");
        tables.put("compliance_closes", EVENT + "user_name VARCHAR, year BIGINT, enterprises BIGINT, " +
            "total_shortfall BIGINT, total_penalty BIGINT, reference_price BIGINT");
        tables.put("fines", EVENT + "user_name VARCHAR, year BIGINT, account BIGINT, amount BIGINT, " +
            "status VARCHAR, due_date BIGINT");
        tables.put("day_closes", "trading_date BIGINT NOT NULL, sequence BIGINT NOT NULL, ts BIGINT NOT NULL, " +
            "state_hash BIGINT NOT NULL");
        tables.put("instrument_closes", EVENT + "trading_date BIGINT, instrument BIGINT, closing_price BIGINT, " +
            "volume BIGINT, turnover BIGINT");
        tables.put("balances", "trading_date BIGINT NOT NULL, sequence BIGINT NOT NULL, account BIGINT, " +
            "account_type VARCHAR, instrument BIGINT, amount BIGINT");
        tables.put("outstanding", "trading_date BIGINT NOT NULL, sequence BIGINT NOT NULL, instrument BIGINT, " +
            "units BIGINT");
        // the surveillance monitor's alerts, AlertRows: alert is the alert's place among its command's
        tables.put("alerts", "sequence BIGINT NOT NULL, alert BIGINT NOT NULL, ts BIGINT NOT NULL, " +
            "kind VARCHAR NOT NULL, instrument BIGINT, symbol VARCHAR, accounts VARCHAR, broker BIGINT, " +
            "detail VARCHAR, figures VARCHAR");
        return tables;
    }

    /**
     * Views over the tables: the trading date of every trade, and the day bars (open and close are the day's first
     * and last trade prices; the engine's own close is in {@code instrument_closes}).
     */
    public static final List<String> VIEWS = List.of(
        "CREATE OR REPLACE VIEW dated_trades AS SELECT coalesce(d.trading_date, 0) AS trading_date, t.* " +
            "FROM trades t ASOF LEFT JOIN day_closes d ON d.sequence >= t.sequence",
        "CREATE OR REPLACE VIEW day_bars AS SELECT trading_date, instrument, " +
            "arg_min(price, sequence * 65536 + event) AS open, max(price) AS high, min(price) AS low, " +
            "arg_max(price, sequence * 65536 + event) AS close, CAST(sum(quantity) AS BIGINT) AS volume, " +
            "CAST(sum(price * quantity) AS BIGINT) AS turnover, count(*) AS trades, min(ts) AS first_ts, " +
            "max(ts) AS last_ts FROM dated_trades GROUP BY trading_date, instrument");

    /**
     * @return whether a table (or view) of the store has this name.
     */
    public static boolean has(final String name)
    {
        return TABLES.containsKey(name) || name.equals("dated_trades") || name.equals("day_bars");
    }
}
