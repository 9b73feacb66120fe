package io.carbonx.registry;

import java.util.List;

/**
 * The registry as code outside the core sees it: queries only. The {@link Registry} itself is changed by the
 * business-logic thread alone, through commands; readers get this view so they cannot change it by mistake.
 */
public interface RegistryView
{
    /**
     * @param brokerId the member acting, 0 for the account holder itself.
     * @return true if the account exists and the holder or a linked broker is acting for it.
     */
    boolean isPermitted(int brokerId, long accountId);

    /**
     * @return the account, or null if there is none with the id.
     */
    Account account(long accountId);

    /**
     * @return the account's holding of the instrument, or null if either the account or the holding does not exist.
     */
    Holding holding(long accountId, int instrumentId);

    /**
     * @return the most units of the instrument the account may hold under the scheme's holding limits (its allocation
     * on top for a compliance account), {@link HoldingLimits#UNLIMITED} when it has no limit or does not exist.
     */
    long holdingLimit(long accountId, int instrumentId);

    /**
     * @return every account in opening order, the fee account first; a read-only view.
     */
    List<Account> accounts();

    long feeAccountId();

    HoldingLimits holdingLimits();

    int maxInstrumentId();

    /**
     * @return every retirement, surrender and cancellation in the order they happened; a read-only view.
     */
    List<RemovalRecord> removals();

    /**
     * @return the attributes of every project issuance, by instrument and serial.
     */
    ProjectIssuances projectIssuances();

    long issued(int instrumentId);

    long retired(int instrumentId);

    long cancelled(int instrumentId);

    long surrendered(int instrumentId);

    /**
     * @return units of the instrument in circulation, which all accounts together must hold.
     */
    long outstanding(int instrumentId);

    long cashDeposited();

    long cashWithdrawn();

    long feesCollected();

    /**
     * @return a 64-bit digest of the whole state. Not for the hot path: it walks every account.
     */
    long stateHash();
}
