package io.carbonx.gateway.http;

import io.carbonx.registry.Account;

/**
 * Decides what a user may do: a regulator everything; an enterprise only its own accounts; a broker the accounts
 * configured for it and those linked to its broker id in the registry (as the read replica knows them).
 */
public final class Authorizer
{
    private final ReadReplica replica;

    Authorizer(final ReadReplica replica)
    {
        this.replica = replica;
    }

    /**
     * @throws ApiException 403 unless the user is a regulator.
     */
    public void requireRegulator(final ApiUser user, final String action)
    {
        if (user.role() != ApiRole.REGULATOR)
        {
            throw ApiException.forbidden("only a regulator may " + action + "; user '" + user.name() + "' is " +
                user.role());
        }
    }

    /**
     * @throws ApiException 403 unless the user may act for the account.
     */
    public void requireAccount(final ApiUser user, final long accountId)
    {
        if (mayActFor(user, accountId))
        {
            return;
        }
        if (user.role() == ApiRole.ENTERPRISE)
        {
            throw ApiException.forbidden("user '" + user.name() + "' (ENTERPRISE) may act only for its own accounts " +
                user.accounts() + ", not account " + accountId);
        }
        throw ApiException.forbidden("user '" + user.name() + "' (BROKER " + user.brokerId() +
            ") is not linked to account " +
            accountId + "; it may act for " + user.accounts() + " and accounts linked to broker " + user.brokerId());
    }

    public boolean mayActFor(final ApiUser user, final long accountId)
    {
        return switch (user.role())
        {
            case REGULATOR -> true;
            case ENTERPRISE -> user.accounts().contains(accountId);
            case BROKER -> user.accounts().contains(accountId) || (user.brokerId() > 0 && replica.read(machine ->
            {
                final Account account = machine.registry().account(accountId);
                return account != null && account.isLinked(user.brokerId());
            }));
        };
    }
}
