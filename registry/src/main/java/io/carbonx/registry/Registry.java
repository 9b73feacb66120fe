package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.RejectReason;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import static io.carbonx.protocol.sbe.RejectReason.ACCOUNT_NOT_PERMITTED;
import static io.carbonx.protocol.sbe.RejectReason.DUPLICATE_ID;
import static io.carbonx.protocol.sbe.RejectReason.HOLDING_LIMIT_EXCEEDED;
import static io.carbonx.protocol.sbe.RejectReason.INSUFFICIENT_CASH;
import static io.carbonx.protocol.sbe.RejectReason.INSUFFICIENT_UNITS;
import static io.carbonx.protocol.sbe.RejectReason.INVALID_ACCOUNT_TYPE;
import static io.carbonx.protocol.sbe.RejectReason.INVALID_AMOUNT;
import static io.carbonx.protocol.sbe.RejectReason.INVALID_UNIT_ATTRIBUTES;
import static io.carbonx.protocol.sbe.RejectReason.UNKNOWN_ACCOUNT;
import static io.carbonx.protocol.sbe.RejectReason.UNKNOWN_INSTRUMENT;

/**
 * The registry of record: accounts, their cash and unit holdings with serial ranges, the reservations of working
 * orders, and what has been issued, retired, surrendered and cancelled per instrument.
 * <p>
 * <b>Unit attributes.</b> Units issued for a project ({@link #issueProject}) keep their attributes in
 * {@link ProjectIssuances}, by serial block: holdings carry no attributes, every movement carries them by its exact
 * serials, and {@link #firstInadmissible} checks a rule on the units a removal would take.
 * <p>
 * <b>Conventions.</b> Every operation either applies completely or changes nothing: it checks everything first and
 * only then mutates. An operation returns {@code null} when it was applied and otherwise the {@link RejectReason}
 * that refused it. Refusals are business outcomes and are never thrown; an exception means a programming error
 * (a null argument, an unknown instrument passed to a read accessor) and leaves the state unchanged. Checks run in
 * a fixed order, so the reason is deterministic: amount ({@code INVALID_AMOUNT}), instrument
 * ({@code UNKNOWN_INSTRUMENT}), accounts ({@code UNKNOWN_ACCOUNT}), how the accounts relate and their types
 * ({@code ACCOUNT_NOT_PERMITTED}, {@code INVALID_ACCOUNT_TYPE}), then balances and limits. Money is {@code long}
 * 0.01 currency units, quantities {@code long} tonnes, instruments dense ids {@code 1..maxInstrumentId}.
 * <p>
 * <b>The fee account.</b> The registry has exactly one {@link AccountType#FEE} account, designated and opened by the
 * constructor; {@link #openAccount(long, AccountType)} refuses to open another. It holds cash only: fees credited by
 * {@link #settle} and withdrawals by the exchange. It may not receive deposits or units, so its balance is always the
 * fees collected less what was withdrawn from it.
 * <p>
 * <b>Threading and allocation.</b> Single-threaded: the exchange state machine calls it for each sequenced command.
 * Order reservations, settlement and transfers allocate nothing once an account has a holding of the instrument. A
 * holding that keeps receiving units that do not continue its last range (each trade from another seller) grows its
 * serial ranges into chunks drawn from a pool shared by all holdings and allocated at construction
 * ({@link SerialRangeChunkPool}); a holding gives back the chunks it empties. Only when the pool is exhausted are
 * chunks allocated, which {@link #serialRangeChunksAllocatedBeyondCapacity()} counts. Each operation looks its
 * account up once. Iteration is in account opening order and instrument id order, never hash order, so
 * {@link #stateHash()} and {@link #writeSnapshot(DataOutput)} are deterministic.
 */
public final class Registry implements RegistryView
{
    private final long feeAccountId;
    private final Account feeAccount;
    private final HoldingLimits holdingLimits;
    private final InstrumentTotals instruments;
    private final ProjectIssuances projectIssuances;
    private final Long2ObjectHashMap<Account> accountsById = new Long2ObjectHashMap<>();
    private final ArrayList<Account> accountsInOpeningOrder = new ArrayList<>();
    private final List<Account> accountsView = Collections.unmodifiableList(accountsInOpeningOrder);
    private final ArrayList<RemovalRecord> removals = new ArrayList<>();
    private final List<RemovalRecord> removalsView = Collections.unmodifiableList(removals);
    private final SerialRangeChunkPool serialChunks;
    private final SerialRangeQueue removedSerials;
    // Empty between operations: a pledge or release rebuilds a holding's unpledged list through it.
    private final SerialRangeQueue pledgeScratch;
    private long cashDeposited;
    private long cashWithdrawn;
    private long feesCollected;
    private final MovedSerials moved;
    // The holding the last successful checkAvailableUnits found, so an operation looks it up once; valid only right
    // after that check.
    private Holding checkedHolding;

    /**
     * A registry that allocates serial range chunks as its holdings need them, for tests and tools: see
     * {@link #Registry(long, HoldingLimits, int, long)}.
     *
     * @param feeAccountId    of the exchange's fee account, opened here.
     * @param holdingLimits   of the scheme.
     * @param maxInstrumentId the highest instrument id the registry accepts.
     */
    public Registry(final long feeAccountId, final HoldingLimits holdingLimits, final int maxInstrumentId)
    {
        this(feeAccountId, holdingLimits, maxInstrumentId, 0);
    }

    /**
     * @param feeAccountId        of the exchange's fee account, opened here.
     * @param holdingLimits       of the scheme.
     * @param maxInstrumentId     the highest instrument id the registry accepts.
     * @param serialRangeCapacity serial ranges to allocate room for now, shared by all holdings (16 bytes each), so
     *                            that trading up to that many ranges allocates nothing; past it, room is allocated
     *                            as needed and counted by {@link #serialRangeChunksAllocatedBeyondCapacity()}.
     */
    public Registry(
        final long feeAccountId,
        final HoldingLimits holdingLimits,
        final int maxInstrumentId,
        final long serialRangeCapacity)
    {
        if (maxInstrumentId < 1)
        {
            throw new IllegalArgumentException("maxInstrumentId must be >= 1: " + maxInstrumentId);
        }

        this.feeAccountId = feeAccountId;
        this.holdingLimits = Objects.requireNonNull(holdingLimits);
        this.instruments = new InstrumentTotals(maxInstrumentId);
        this.projectIssuances = new ProjectIssuances(maxInstrumentId);
        this.serialChunks = new SerialRangeChunkPool(serialRangeCapacity, SerialRangeChunkPool.DEFAULT_CHUNK_SIZE);
        this.removedSerials = new SerialRangeQueue(serialChunks);
        this.pledgeScratch = new SerialRangeQueue(serialChunks);
        this.moved = new MovedSerials(MovedSerials.DEFAULT_CAPACITY);
        this.feeAccount = new Account(feeAccountId, AccountType.FEE, serialChunks);
        addAccount(feeAccount);
    }

    // ------------------------------------------------------------------------------------------------ accounts

    /**
     * Open an account.
     *
     * @return {@code DUPLICATE_ID} if an account with the id exists; {@code INVALID_ACCOUNT_TYPE} for a second fee
     * account or the schema's {@code NULL_VAL}.
     */
    public RejectReason openAccount(final long accountId, final AccountType type)
    {
        Objects.requireNonNull(type);
        if (accountsById.containsKey(accountId))
        {
            return DUPLICATE_ID;
        }
        if (AccountType.FEE == type || AccountType.NULL_VAL == type)
        {
            return INVALID_ACCOUNT_TYPE;
        }

        addAccount(new Account(accountId, type, serialChunks));
        return null;
    }

    /**
     * Let a broker (member) act for an account.
     *
     * @param brokerId of the member.
     * @return {@code UNKNOWN_ACCOUNT}; {@code ACCOUNT_NOT_PERMITTED} for a broker id <= 0, as 0 stands for the holder
     * itself; {@code DUPLICATE_ID} if the broker is already linked.
     */
    public RejectReason linkBroker(final int brokerId, final long accountId)
    {
        final Account account = accountsById.get(accountId);
        if (account == null)
        {
            return UNKNOWN_ACCOUNT;
        }
        if (brokerId <= 0)
        {
            return ACCOUNT_NOT_PERMITTED;
        }

        return account.link(brokerId) ? null : DUPLICATE_ID;
    }

    /**
     * @param brokerId the member acting, 0 for the account holder itself.
     * @return true if the account exists and the holder or a linked broker is acting for it.
     */
    @Override
    public boolean isPermitted(final int brokerId, final long accountId)
    {
        return isPermitted(brokerId, accountsById.get(accountId));
    }

    /**
     * {@link #isPermitted(int, long)} for an account already looked up, so an order's path finds it once.
     *
     * @param account of this registry, from {@link #account(long)}, or null for none.
     */
    public boolean isPermitted(final int brokerId, final Account account)
    {
        return account != null && (0 == brokerId || account.isLinked(brokerId));
    }

    // --------------------------------------------------------------------------------------------------- units

    /**
     * Issue new units into an account with the instrument's next serial numbers; the block is then
     * {@link #lastMoved()}. Issued units count as allocated for the holding limit and
     * are not checked against it.
     *
     * @return {@code INVALID_AMOUNT} also when the instrument's serial numbers would overflow;
     * {@code INVALID_ACCOUNT_TYPE} for the fee account.
     */
    public RejectReason issue(final long accountId, final int instrumentId, final long quantity)
    {
        if (quantity <= 0)
        {
            return INVALID_AMOUNT;
        }
        if (!instruments.isKnown(instrumentId))
        {
            return UNKNOWN_INSTRUMENT;
        }
        if (quantity > Long.MAX_VALUE - instruments.issued(instrumentId))
        {
            return INVALID_AMOUNT;
        }
        final Account account = accountsById.get(accountId);
        if (account == null)
        {
            return UNKNOWN_ACCOUNT;
        }
        if (!holdsUnits(account))
        {
            return INVALID_ACCOUNT_TYPE;
        }

        final long start = instruments.nextSerial(instrumentId);
        final long end = start + quantity - 1;
        account.holdingForUpdate(instrumentId).issue(start, end);
        instruments.recordIssue(instrumentId, quantity);
        moved.clear();
        moved.add(start, end);

        return null;
    }

    /**
     * Issue new units for a project, like {@link #issue}, and record their attributes with their serial block in
     * {@link #projectIssuances()}.
     *
     * @return {@code INVALID_UNIT_ATTRIBUTES} if the attributes are not {@link UnitAttributes#isValid() valid};
     * else as {@link #issue}.
     */
    public RejectReason issueProject(
        final long accountId, final int instrumentId, final long quantity, final UnitAttributes attributes)
    {
        if (attributes == null || !attributes.isValid())
        {
            return INVALID_UNIT_ATTRIBUTES;
        }
        final long first = instruments.isKnown(instrumentId) ? instruments.nextSerial(instrumentId) : 0;
        final RejectReason refused = issue(accountId, instrumentId, quantity);
        if (refused == null)
        {
            projectIssuances.record(instrumentId, first, first + quantity - 1, attributes);
        }
        return refused;
    }

    /**
     * The units a surrender, retirement or cancellation of {@code quantity} would take from the holding (its oldest
     * serials, see {@link Holding}), checked against a rule on their issuance's attributes. Changes nothing.
     *
     * @return the first serial among them the rule does not admit, or 0 if it admits them all (or the holding has
     * fewer units: the removal itself refuses that).
     */
    public long firstInadmissible(
        final long accountId, final int instrumentId, final long quantity, final UnitRule rule)
    {
        final Holding holding = holding(accountId, instrumentId);
        if (holding == null)
        {
            return 0;
        }
        final SerialRanges serials = holding.serials();
        long left = quantity;
        for (int i = 0, count = serials.rangeCount(); i < count && left > 0; i++)
        {
            final long start = serials.rangeStart(i);
            final long end = Math.min(serials.rangeEnd(i), start + left - 1);
            left -= end - start + 1;
            long serial = start;
            while (serial <= end)
            {
                final int index = projectIssuances.find(instrumentId, serial);
                final boolean admitted;
                final long runEnd;
                if (index >= 0)
                {
                    admitted = rule.admits(true, projectIssuances.projectType(instrumentId, index).value(),
                        projectIssuances.projectId(instrumentId, index), projectIssuances.vintage(instrumentId, index),
                        projectIssuances.registeredDate(instrumentId, index),
                        projectIssuances.labels(instrumentId, index));
                    runEnd = projectIssuances.last(instrumentId, index);
                }
                else
                {
                    admitted = rule.admits(false, 0, 0, 0, 0, 0);
                    runEnd = projectIssuances.nextFirstAfter(instrumentId, serial) - 1;
                }
                if (!admitted)
                {
                    return serial;
                }
                serial = Math.min(runEnd, end) + 1;
            }
        }
        return 0;
    }

    /**
     * Move available units to another account, oldest serials first. Units received are available at once.
     *
     * @return {@code ACCOUNT_NOT_PERMITTED} for a transfer to the same account; {@code INVALID_ACCOUNT_TYPE} if
     * either is the fee account; {@code INSUFFICIENT_UNITS}; {@code HOLDING_LIMIT_EXCEEDED} for the receiver.
     */
    public RejectReason transfer(
        final long fromAccountId, final long toAccountId, final int instrumentId, final long quantity)
    {
        if (quantity <= 0)
        {
            return INVALID_AMOUNT;
        }
        if (!instruments.isKnown(instrumentId))
        {
            return UNKNOWN_INSTRUMENT;
        }
        final Account from = accountsById.get(fromAccountId);
        final Account to = accountsById.get(toAccountId);
        if (from == null || to == null)
        {
            return UNKNOWN_ACCOUNT;
        }
        if (from == to)
        {
            return ACCOUNT_NOT_PERMITTED;
        }
        if (!holdsUnits(from) || !holdsUnits(to))
        {
            return INVALID_ACCOUNT_TYPE;
        }
        final Holding source = from.holding(instrumentId);
        if (source == null || source.available() < quantity)
        {
            return INSUFFICIENT_UNITS;
        }
        if (!admits(to, to.holding(instrumentId), quantity))
        {
            return HOLDING_LIMIT_EXCEEDED;
        }

        final Holding target = to.holdingForUpdate(instrumentId);
        moved.clear();
        source.transferAvailableTo(target, quantity, moved);

        return null;
    }

    /**
     * Pledge available units as collateral: the exact blocks of the holding's oldest available units (after the
     * units that working sell orders will deliver) move to its pledged list, which no transfer, sale or removal
     * takes from, so they stay in the holding until released. {@link #lastMoved()} then lists those blocks.
     *
     * @return {@code INSUFFICIENT_UNITS} if fewer are available.
     */
    public RejectReason pledge(final long accountId, final int instrumentId, final long quantity)
    {
        final RejectReason refusal = checkAvailableUnits(accountId, instrumentId, quantity);
        if (refusal != null)
        {
            return refusal;
        }

        moved.clear();
        checkedHolding.pledge(quantity, pledgeScratch, moved);
        return null;
    }

    /**
     * Release pledged units back to available: the holding's oldest pledged blocks rejoin its unpledged list where a
     * pledge takes units from (see {@link Holding}); {@link #lastMoved()} then lists exactly those blocks.
     *
     * @return {@code INSUFFICIENT_UNITS} if fewer are pledged.
     */
    public RejectReason unpledge(final long accountId, final int instrumentId, final long quantity)
    {
        final Account account = accountsById.get(accountId);
        final RejectReason refusal = checkHolding(account, instrumentId, quantity);
        if (refusal != null)
        {
            return refusal;
        }
        final Holding holding = account.holding(instrumentId);
        if (holding == null || holding.pledged() < quantity)
        {
            return INSUFFICIENT_UNITS;
        }

        moved.clear();
        holding.unpledge(quantity, pledgeScratch, moved);
        return null;
    }

    /**
     * Retire available units voluntarily, oldest serials first, and keep a {@link RemovalRecord} of them.
     *
     * @param beneficiary on whose behalf the units are retired, may be empty.
     * @param reason      why, may be empty.
     * @return {@code INSUFFICIENT_UNITS} if fewer are available.
     */
    public RejectReason retire(
        final long accountId,
        final int instrumentId,
        final long quantity,
        final String beneficiary,
        final String reason)
    {
        Objects.requireNonNull(beneficiary);
        Objects.requireNonNull(reason);
        final RejectReason refusal = checkAvailableUnits(accountId, instrumentId, quantity);
        if (refusal != null)
        {
            return refusal;
        }

        removeUnits(
            checkedHolding, RemovalRecord.Kind.RETIREMENT, accountId, instrumentId, quantity, beneficiary, reason);
        instruments.recordRetirement(instrumentId, quantity);
        return null;
    }

    /**
     * Surrender available units for a compliance obligation, oldest serials first, and keep a {@link RemovalRecord}
     * of them. Compliance decides whether the units count; the registry only takes them out of circulation.
     *
     * @return {@code INSUFFICIENT_UNITS} if fewer are available.
     */
    public RejectReason surrender(final long accountId, final int instrumentId, final long quantity)
    {
        final RejectReason refusal = checkAvailableUnits(accountId, instrumentId, quantity);
        if (refusal != null)
        {
            return refusal;
        }

        removeUnits(checkedHolding, RemovalRecord.Kind.SURRENDER, accountId, instrumentId, quantity, "", "");
        instruments.recordSurrender(instrumentId, quantity);
        return null;
    }

    /**
     * Cancel available units by order of the regulator, oldest serials first, and keep a {@link RemovalRecord} of
     * them. Reserved, pledged and locked units are out of reach until released.
     *
     * @return {@code INSUFFICIENT_UNITS} if fewer are available.
     */
    public RejectReason cancel(final long accountId, final int instrumentId, final long quantity)
    {
        final RejectReason refusal = checkAvailableUnits(accountId, instrumentId, quantity);
        if (refusal != null)
        {
            return refusal;
        }

        removeUnits(checkedHolding, RemovalRecord.Kind.CANCELLATION, accountId, instrumentId, quantity, "", "");
        instruments.recordCancellation(instrumentId, quantity);
        return null;
    }

    // ---------------------------------------------------------------------------------------------------- cash

    /**
     * Credit cash received by the exchange.
     *
     * @return {@code INVALID_AMOUNT} also when the registry's total deposits would overflow;
     * {@code INVALID_ACCOUNT_TYPE} for the fee account.
     */
    public RejectReason depositCash(final long accountId, final long amount)
    {
        // Capping the sum of all deposits caps every balance, so no later credit can overflow.
        if (amount <= 0 || amount > Long.MAX_VALUE - cashDeposited)
        {
            return INVALID_AMOUNT;
        }
        final Account account = accountsById.get(accountId);
        if (account == null)
        {
            return UNKNOWN_ACCOUNT;
        }
        if (AccountType.FEE == account.type())
        {
            return INVALID_ACCOUNT_TYPE;
        }

        account.deposit(amount);
        cashDeposited += amount;
        return null;
    }

    /**
     * Debit available cash.
     *
     * @return {@code INSUFFICIENT_CASH} if less is available.
     */
    public RejectReason withdrawCash(final long accountId, final long amount)
    {
        final Account account = accountsById.get(accountId);
        final RejectReason refusal = checkAvailableCash(account, amount);
        if (refusal != null)
        {
            return refusal;
        }

        account.withdraw(amount);
        cashWithdrawn += amount;
        return null;
    }

    // -------------------------------------------------------------------------------------- order reservations

    /**
     * Earmark available units for a sell order.
     *
     * @return {@code INSUFFICIENT_UNITS} if fewer are available.
     */
    public RejectReason reserveUnits(final long accountId, final int instrumentId, final long quantity)
    {
        return reserveUnits(accountsById.get(accountId), instrumentId, quantity);
    }

    /**
     * {@link #reserveUnits(long, int, long)} for an account already looked up, so an order's path finds it once.
     *
     * @param account of this registry, from {@link #account(long)}, or null for none ({@code UNKNOWN_ACCOUNT}).
     */
    public RejectReason reserveUnits(final Account account, final int instrumentId, final long quantity)
    {
        final RejectReason refusal = checkAvailableUnits(account, instrumentId, quantity);
        if (refusal != null)
        {
            return refusal;
        }

        checkedHolding.reserve(quantity);
        return null;
    }

    /**
     * Return units earmarked by a sell order that was cancelled, expired or amended down.
     *
     * @return {@code INSUFFICIENT_UNITS} if fewer are reserved.
     */
    public RejectReason releaseUnits(final long accountId, final int instrumentId, final long quantity)
    {
        final Account account = accountsById.get(accountId);
        final RejectReason refusal = checkHolding(account, instrumentId, quantity);
        if (refusal != null)
        {
            return refusal;
        }
        final Holding holding = account.holding(instrumentId);
        if (holding == null || holding.reserved() < quantity)
        {
            return INSUFFICIENT_UNITS;
        }

        holding.release(quantity);
        return null;
    }

    /**
     * Earmark available cash for a buy order.
     *
     * @return {@code INSUFFICIENT_CASH} if less is available.
     */
    public RejectReason reserveCash(final long accountId, final long amount)
    {
        final Account account = accountsById.get(accountId);
        final RejectReason refusal = checkAvailableCash(account, amount);
        if (refusal != null)
        {
            return refusal;
        }

        account.reserveCash(amount);
        return null;
    }

    /**
     * Return cash earmarked by a buy order that was cancelled, expired or amended down.
     *
     * @return {@code INSUFFICIENT_CASH} if less is reserved.
     */
    public RejectReason releaseCash(final long accountId, final long amount)
    {
        if (amount <= 0)
        {
            return INVALID_AMOUNT;
        }
        final Account account = accountsById.get(accountId);
        if (account == null)
        {
            return UNKNOWN_ACCOUNT;
        }
        if (account.cashReserved() < amount)
        {
            return INSUFFICIENT_CASH;
        }

        account.releaseCash(amount);
        return null;
    }

    /**
     * Count units a buy order may bring in against the account's holding limit, so that accepted buy orders can
     * never take it over the limit when they fill.
     *
     * @return {@code INVALID_ACCOUNT_TYPE} for the fee account; {@code HOLDING_LIMIT_EXCEEDED}.
     */
    public RejectReason reservePendingBuy(final long accountId, final int instrumentId, final long quantity)
    {
        final Account account = accountsById.get(accountId);
        final RejectReason refusal = checkHolding(account, instrumentId, quantity);
        if (refusal != null)
        {
            return refusal;
        }
        if (!holdsUnits(account))
        {
            return INVALID_ACCOUNT_TYPE;
        }
        final Holding holding = account.holding(instrumentId);
        if (!admits(account, holding, quantity))
        {
            return HOLDING_LIMIT_EXCEEDED;
        }

        (holding == null ? account.holdingForUpdate(instrumentId) : holding).reservePendingBuy(quantity);
        return null;
    }

    /**
     * Stop counting units a buy order will no longer bring in: cancelled, expired or amended down.
     *
     * @return {@code INVALID_AMOUNT} also if fewer are pending.
     */
    public RejectReason releasePendingBuy(final long accountId, final int instrumentId, final long quantity)
    {
        final Account account = accountsById.get(accountId);
        final RejectReason refusal = checkHolding(account, instrumentId, quantity);
        if (refusal != null)
        {
            return refusal;
        }
        final Holding holding = account.holding(instrumentId);
        if (holding == null || holding.pendingBuy() < quantity)
        {
            return INVALID_AMOUNT;
        }

        holding.releasePendingBuy(quantity);
        return null;
    }

    /**
     * Everything a buy order needs, all or nothing: its cash, and its quantity counted against the holding limit.
     * The same as {@link #reservePendingBuy} and {@link #reserveCash} together, without a half-reserved state to undo.
     *
     * @param quantity the order may bring in.
     * @param amount   of cash to reserve for it, see clearing's {@code BuyOrderReservation}.
     * @return {@code INVALID_AMOUNT} if either is <= 0; {@code INVALID_ACCOUNT_TYPE} for the fee account;
     * {@code INSUFFICIENT_CASH}; {@code HOLDING_LIMIT_EXCEEDED}.
     */
    public RejectReason reserveForBuy(
        final long accountId, final int instrumentId, final long quantity, final long amount)
    {
        return reserveForBuy(accountsById.get(accountId), instrumentId, quantity, amount);
    }

    /**
     * {@link #reserveForBuy(long, int, long, long)} for an account already looked up, so an order's path finds it
     * once.
     *
     * @param account of this registry, from {@link #account(long)}, or null for none ({@code UNKNOWN_ACCOUNT}).
     */
    public RejectReason reserveForBuy(
        final Account account, final int instrumentId, final long quantity, final long amount)
    {
        if (amount <= 0)
        {
            return INVALID_AMOUNT;
        }
        final RejectReason refusal = checkHolding(account, instrumentId, quantity);
        if (refusal != null)
        {
            return refusal;
        }
        if (!holdsUnits(account))
        {
            return INVALID_ACCOUNT_TYPE;
        }
        if (account.cashAvailable() < amount)
        {
            return INSUFFICIENT_CASH;
        }
        final Holding holding = account.holding(instrumentId);
        if (!admits(account, holding, quantity))
        {
            return HOLDING_LIMIT_EXCEEDED;
        }

        account.reserveCash(amount);
        (holding == null ? account.holdingForUpdate(instrumentId) : holding).reservePendingBuy(quantity);
        return null;
    }

    /**
     * Release what a buy order no longer needs, all or nothing: the reverse of {@link #reserveForBuy}.
     *
     * @return {@code INVALID_AMOUNT} if either is <= 0 or fewer units are pending; {@code INSUFFICIENT_CASH} if less
     * cash is reserved.
     */
    public RejectReason releaseForBuy(
        final long accountId, final int instrumentId, final long quantity, final long amount)
    {
        if (amount <= 0)
        {
            return INVALID_AMOUNT;
        }
        final Account account = accountsById.get(accountId);
        final RejectReason refusal = checkHolding(account, instrumentId, quantity);
        if (refusal != null)
        {
            return refusal;
        }
        final Holding holding = account.holding(instrumentId);
        if (holding == null || holding.pendingBuy() < quantity)
        {
            return INVALID_AMOUNT;
        }
        if (account.cashReserved() < amount)
        {
            return INSUFFICIENT_CASH;
        }

        account.releaseCash(amount);
        holding.releasePendingBuy(quantity);
        return null;
    }

    // ------------------------------------------------------------------------------------------------ settlement

    /**
     * Deliver units against payment for one trade, all or nothing. Clearing computes the value and fees; the
     * registry moves what they say and guarantees that cash is conserved: what the buyer pays is exactly what the
     * seller receives plus the fees credited to the fee account.
     * <ul>
     * <li>Seller: {@code quantity} units leave its reservation and its holding, oldest serials first; it receives
     * {@code value - sellerFee} as available cash.</li>
     * <li>Buyer: the units arrive locked until {@link #unlockAll()} and leave its pending-buy count;
     * {@code releasedFromReservation} leaves its cash reservation, of which {@code value + buyerFee} is paid and the
     * rest becomes available.</li>
     * <li>Fee account: receives {@code buyerFee + sellerFee}.</li>
     * </ul>
     *
     * @param value                   of the trade, price times quantity.
     * @param buyerFee                charged to the buyer on top of the value.
     * @param sellerFee               deducted from what the seller receives, at most the value.
     * @param releasedFromReservation cash leaving the buyer's reservation, at least {@code value + buyerFee}.
     * @return {@code INVALID_AMOUNT} for a non-positive quantity or value, a negative fee, a seller fee above the
     * value, or a release short of the payment; {@code ACCOUNT_NOT_PERMITTED} if buyer and seller are one account;
     * {@code INVALID_ACCOUNT_TYPE} if either is the fee account; {@code INSUFFICIENT_UNITS} if the seller has fewer
     * units reserved; {@code HOLDING_LIMIT_EXCEEDED} if the buyer has fewer pending; {@code INSUFFICIENT_CASH} if
     * the buyer has less cash reserved than is to be released.
     */
    public RejectReason settle(
        final long buyerAccountId,
        final long sellerAccountId,
        final int instrumentId,
        final long quantity,
        final long value,
        final long buyerFee,
        final long sellerFee,
        final long releasedFromReservation)
    {
        if (quantity <= 0 || value <= 0 || buyerFee < 0 || sellerFee < 0 || sellerFee > value ||
            buyerFee > Long.MAX_VALUE - value || releasedFromReservation < value + buyerFee)
        {
            return INVALID_AMOUNT;
        }
        if (!instruments.isKnown(instrumentId))
        {
            return UNKNOWN_INSTRUMENT;
        }
        final Account buyer = accountsById.get(buyerAccountId);
        final Account seller = accountsById.get(sellerAccountId);
        if (buyer == null || seller == null)
        {
            return UNKNOWN_ACCOUNT;
        }
        if (buyer == seller)
        {
            return ACCOUNT_NOT_PERMITTED;
        }
        if (!holdsUnits(buyer) || !holdsUnits(seller))
        {
            return INVALID_ACCOUNT_TYPE;
        }
        final Holding sold = seller.holding(instrumentId);
        if (sold == null || sold.reserved() < quantity)
        {
            return INSUFFICIENT_UNITS;
        }
        final Holding bought = buyer.holding(instrumentId);
        if (bought == null || bought.pendingBuy() < quantity)
        {
            return HOLDING_LIMIT_EXCEEDED;
        }
        if (buyer.cashReserved() < releasedFromReservation)
        {
            return INSUFFICIENT_CASH;
        }

        moved.clear();
        sold.deliverReservedTo(bought, quantity, moved);

        final long fees = buyerFee + sellerFee;
        buyer.payFromReservation(value + buyerFee, releasedFromReservation);
        seller.deposit(value - sellerFee);
        feeAccount.deposit(fees);
        feesCollected += fees;

        return null;
    }

    /**
     * End of the trading day: units bought during it become available, account by account in opening order.
     */
    public void unlockAll()
    {
        for (int i = 0, size = accountsInOpeningOrder.size(); i < size; i++)
        {
            final Account account = accountsInOpeningOrder.get(i);
            for (int h = 0, count = account.holdingCount(); h < count; h++)
            {
                account.holdingAt(h).unlock();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- reads

    /**
     * @return the exact serial blocks of the last successful unit movement (issue, transfer, settlement, retirement,
     * surrender or cancellation), in the order they moved; after a pledge or release, exactly the blocks it pledged
     * or released. A reusable scratch: read it before the next operation.
     */
    public SerialRanges lastMoved()
    {
        return moved;
    }

    /**
     * @return how often a movement spanned more blocks than {@link MovedSerials#DEFAULT_CAPACITY} and the scratch
     * that records them grew: nonzero means a movement allocated.
     */
    public int movedSerialsGrowths()
    {
        return moved.growths();
    }

    /**
     * @return the account, or null if there is none with the id.
     */
    @Override
    public Account account(final long accountId)
    {
        return accountsById.get(accountId);
    }

    /**
     * @return the account's holding of the instrument, or null if either the account or the holding does not exist.
     */
    @Override
    public Holding holding(final long accountId, final int instrumentId)
    {
        final Account account = accountsById.get(accountId);

        return account == null ? null : account.holding(instrumentId);
    }

    @Override
    public long holdingLimit(final long accountId, final int instrumentId)
    {
        final Account account = accountsById.get(accountId);
        if (account == null)
        {
            return HoldingLimits.UNLIMITED;
        }
        final Holding holding = account.holding(instrumentId);

        return holdingLimits.limit(account.type(), holding == null ? 0 : holding.allocated());
    }

    /**
     * @return every account in opening order, the fee account first; a read-only view.
     */
    @Override
    public List<Account> accounts()
    {
        return accountsView;
    }

    @Override
    public long feeAccountId()
    {
        return feeAccountId;
    }

    @Override
    public HoldingLimits holdingLimits()
    {
        return holdingLimits;
    }

    @Override
    public int maxInstrumentId()
    {
        return instruments.maxInstrumentId();
    }

    /**
     * @return serial range chunks allocated because the pool sized by the constructor's {@code serialRangeCapacity}
     * was empty, over the registry's life: nonzero means trading allocated, and the capacity should be larger.
     */
    public long serialRangeChunksAllocatedBeyondCapacity()
    {
        return serialChunks.chunksAllocatedBeyondCapacity();
    }

    /**
     * @return serial range chunks in the pool, free for any holding to grow into.
     */
    public int serialRangeChunksFree()
    {
        return serialChunks.freeChunks();
    }

    /**
     * @return serial ranges per chunk.
     */
    public int serialRangeChunkSize()
    {
        return serialChunks.chunkSize();
    }

    /**
     * @return every retirement, surrender and cancellation in the order they happened; a read-only view.
     */
    @Override
    public List<RemovalRecord> removals()
    {
        return removalsView;
    }

    /**
     * @return the attributes of every project issuance, by instrument and serial; read-only to callers.
     */
    @Override
    public ProjectIssuances projectIssuances()
    {
        return projectIssuances;
    }

    /**
     * @return units of the instrument issued so far; its serial numbers 1..issued have been given out.
     */
    @Override
    public long issued(final int instrumentId)
    {
        return instruments.issued(requireKnown(instrumentId));
    }

    @Override
    public long retired(final int instrumentId)
    {
        return instruments.retired(requireKnown(instrumentId));
    }

    @Override
    public long cancelled(final int instrumentId)
    {
        return instruments.cancelled(requireKnown(instrumentId));
    }

    @Override
    public long surrendered(final int instrumentId)
    {
        return instruments.surrendered(requireKnown(instrumentId));
    }

    /**
     * @return units of the instrument in circulation, which all accounts together must hold.
     */
    @Override
    public long outstanding(final int instrumentId)
    {
        return issued(instrumentId) - retired(instrumentId) - surrendered(instrumentId) - cancelled(instrumentId);
    }

    /**
     * @return all cash ever deposited; all accounts together hold this less {@link #cashWithdrawn()}.
     */
    @Override
    public long cashDeposited()
    {
        return cashDeposited;
    }

    @Override
    public long cashWithdrawn()
    {
        return cashWithdrawn;
    }

    /**
     * @return all fees ever credited to the fee account.
     */
    @Override
    public long feesCollected()
    {
        return feesCollected;
    }

    // ---------------------------------------------------------------------------------------------------- state

    /**
     * @return a 64-bit digest of the whole state, covering exactly what {@link #writeSnapshot(DataOutput)} writes.
     * Not for the hot path: it walks every account.
     */
    @Override
    public long stateHash()
    {
        final HashingStateWriter digest = new HashingStateWriter();
        try
        {
            RegistrySnapshot.writeState(this, digest);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("a digest does not do I/O", ex);
        }

        return digest.digest();
    }

    /**
     * Write the whole state, followed by its {@link #stateHash()} as a check.
     */
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        RegistrySnapshot.write(this, out);
    }

    /**
     * Restore a snapshot written by {@link #writeSnapshot(DataOutput)} into this registry, which must be new (nothing
     * done since construction) and constructed with the same fee account and instrument range. If it throws, discard
     * the registry.
     *
     * @throws IOException if the snapshot cannot be read, belongs to another scheme or fails its hash check.
     */
    public void readSnapshot(final DataInput in) throws IOException
    {
        if (!isNew())
        {
            throw new IllegalStateException("a snapshot can only be read into a new registry");
        }

        RegistrySnapshot.read(this, in);
    }

    public String toString()
    {
        return "Registry{accounts=" + accountsInOpeningOrder.size() +
            ", feeAccountId=" + feeAccountId +
            ", maxInstrumentId=" + instruments.maxInstrumentId() +
            ", removals=" + removals.size() +
            '}';
    }

    // ------------------------------------------------------------------------------------- package: snapshots

    InstrumentTotals instrumentTotals()
    {
        return instruments;
    }

    /**
     * Open an account while restoring a snapshot; the fee account already exists and is returned as it is.
     */
    Account restoreAccount(final long accountId, final AccountType type) throws IOException
    {
        final boolean isFeeAccount = accountId == feeAccountId;
        if (isFeeAccount != (AccountType.FEE == type) || accountsById.containsKey(accountId) != isFeeAccount)
        {
            throw new IOException("snapshot account " + accountId + " of type " + type + " does not fit registry " +
                "with fee account " + feeAccountId);
        }

        if (isFeeAccount)
        {
            return feeAccount;
        }

        final Account account = new Account(accountId, type, serialChunks);
        addAccount(account);
        return account;
    }

    /**
     * A scratch queue drawing on this registry's pool, for restoring a snapshot.
     */
    SerialRangeQueue newSerialRangeQueue()
    {
        return new SerialRangeQueue(serialChunks);
    }

    void restoreRemoval(final RemovalRecord removal)
    {
        removals.add(removal);
    }

    void restoreCashTotals(final long cashDeposited, final long cashWithdrawn, final long feesCollected)
    {
        this.cashDeposited = cashDeposited;
        this.cashWithdrawn = cashWithdrawn;
        this.feesCollected = feesCollected;
    }

    // ---------------------------------------------------------------------------------------------------- private

    private void addAccount(final Account account)
    {
        accountsById.put(account.id(), account);
        accountsInOpeningOrder.add(account);
    }

    private boolean isNew()
    {
        return 1 == accountsInOpeningOrder.size() && 0 == feeAccount.cashTotal() &&
            0 == feeAccount.holdingCount() && 0 == feeAccount.brokerCount() && removals.isEmpty() &&
            0 == cashDeposited && 0 == cashWithdrawn && 0 == feesCollected && noInstrumentTotals() &&
            projectIssuances.isEmpty();
    }

    private boolean noInstrumentTotals()
    {
        for (int instrumentId = 1; instrumentId <= instruments.maxInstrumentId(); instrumentId++)
        {
            if (!instruments.isEmpty(instrumentId))
            {
                return false;
            }
        }

        return true;
    }

    private static boolean holdsUnits(final Account account)
    {
        return AccountType.FEE != account.type();
    }

    private boolean admits(final Account account, final Holding holding, final long quantity)
    {
        if (holding == null)
        {
            return holdingLimits.admits(account.type(), 0, 0, 0, quantity);
        }

        return holdingLimits.admits(
            account.type(), holding.allocated(), holding.total(), holding.pendingBuy(), quantity);
    }

    /**
     * Check the amount, the instrument and the account (null if unknown), in that order.
     */
    private RejectReason checkHolding(final Account account, final int instrumentId, final long quantity)
    {
        if (quantity <= 0)
        {
            return INVALID_AMOUNT;
        }
        if (!instruments.isKnown(instrumentId))
        {
            return UNKNOWN_INSTRUMENT;
        }
        if (account == null)
        {
            return UNKNOWN_ACCOUNT;
        }

        return null;
    }

    /**
     * As {@link #checkHolding}, then that the holding has the units available; on success it is left in
     * {@link #checkedHolding}.
     */
    private RejectReason checkAvailableUnits(final long accountId, final int instrumentId, final long quantity)
    {
        return checkAvailableUnits(accountsById.get(accountId), instrumentId, quantity);
    }

    private RejectReason checkAvailableUnits(final Account account, final int instrumentId, final long quantity)
    {
        final RejectReason refusal = checkHolding(account, instrumentId, quantity);
        if (refusal != null)
        {
            return refusal;
        }
        final Holding holding = account.holding(instrumentId);
        if (holding == null || holding.available() < quantity)
        {
            return INSUFFICIENT_UNITS;
        }

        checkedHolding = holding;
        return null;
    }

    /**
     * Check the amount, the account (null if unknown) and the cash available.
     */
    private RejectReason checkAvailableCash(final Account account, final long amount)
    {
        if (amount <= 0)
        {
            return INVALID_AMOUNT;
        }
        if (account == null)
        {
            return UNKNOWN_ACCOUNT;
        }
        if (account.cashAvailable() < amount)
        {
            return INSUFFICIENT_CASH;
        }

        return null;
    }

    private void removeUnits(
        final Holding holding,
        final RemovalRecord.Kind kind,
        final long accountId,
        final int instrumentId,
        final long quantity,
        final String beneficiary,
        final String reason)
    {
        removedSerials.clear();
        moved.clear();
        holding.removeAvailable(quantity, removedSerials, moved);
        removals.add(new RemovalRecord(kind, accountId, instrumentId, beneficiary, reason, removedSerials));
        removedSerials.clear();
    }

    private int requireKnown(final int instrumentId)
    {
        if (!instruments.isKnown(instrumentId))
        {
            throw new IllegalArgumentException("unknown instrument: " + instrumentId);
        }

        return instrumentId;
    }
}
