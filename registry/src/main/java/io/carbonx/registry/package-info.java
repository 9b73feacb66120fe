/**
 * The registry of record of a carbon market: accounts, cash, unit holdings with serial ranges, order reservations,
 * issuance, transfer, pledge, retirement, cancellation and the delivery side of settlement.
 * <p>
 * Everything here is single-threaded and deterministic; see {@link io.carbonx.registry.Registry} for the conventions
 * every operation follows.
 */
package io.carbonx.registry;
