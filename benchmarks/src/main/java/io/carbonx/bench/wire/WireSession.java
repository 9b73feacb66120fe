package io.carbonx.bench.wire;

/**
 * One FIX session of the wire benchmark as the load generator sees it: its CompID and the two accounts its orders are
 * for. Sells come from one and buys from the other, so no order of a session can meet its own account.
 *
 * @param senderCompId the generator's CompID in this session.
 * @param sellAccount  the account sells are sent for.
 * @param buyAccount   the account buys are sent for.
 */
public record WireSession(String senderCompId, long sellAccount, long buyAccount)
{
}
