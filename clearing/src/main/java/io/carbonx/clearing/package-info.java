/**
 * Clearing: trading fees, the cash a buy order holds back, and delivery-versus-payment settlement of trades against
 * the {@link io.carbonx.registry.Registry}. Compliance years, surrender and penalties
 * live in {@link io.carbonx.clearing.compliance}.
 */
package io.carbonx.clearing;
