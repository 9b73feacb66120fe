package io.carbonx.server.config;

import io.carbonx.reports.surveillance.SurveillanceSettings;
import io.carbonx.server.config.ExchangeConfig.AccountConfig;
import io.carbonx.server.config.ExchangeConfig.SurveillanceConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns {@code scheme.surveillance} into the monitor's {@link SurveillanceSettings}: each key left out keeps its
 * default; every bad value is reported with its key path.
 */
final class SurveillanceSetup
{
    private static final String PATH = "scheme.surveillance.";
    private static final long MAX_QUANTITY = 1_000_000_000_000L;
    private static final int MAX_COUNT = 1_000;
    private static final int ALL_BPS = 10_000;

    private SurveillanceSetup()
    {
    }

    static SurveillanceSettings settings(final ExchangeConfig config)
    {
        final SurveillanceConfig surveillance = config.scheme().surveillance();
        if (surveillance == null)
        {
            return SurveillanceSettings.DEFAULT;
        }
        final SurveillanceSettings defaults = SurveillanceSettings.DEFAULT;
        return new SurveillanceSettings(
            range("washTradeWindowSeconds", surveillance.washTradeWindowSeconds(),
                defaults.washTradeWindowSeconds(), SurveillanceSettings.MAX_SECONDS),
            owners(surveillance.owners(), config.accounts()),
            range("largeOrderQuantity", surveillance.largeOrderQuantity(), defaults.largeOrderQuantity(),
                MAX_QUANTITY),
            range("layeringCancelMillis", surveillance.layeringCancelMillis(), defaults.layeringCancelMillis(),
                SurveillanceSettings.MAX_SECONDS * 1_000),
            (int)range("layeringCount", toLong(surveillance.layeringCount()), defaults.layeringCount(), MAX_COUNT),
            range("layeringWindowSeconds", surveillance.layeringWindowSeconds(), defaults.layeringWindowSeconds(),
                SurveillanceSettings.MAX_SECONDS),
            range("largeHolderThreshold", surveillance.largeHolderThreshold(), defaults.largeHolderThreshold(),
                MAX_QUANTITY),
            (int)range("concentrationShareBps", toLong(surveillance.concentrationShareBps()),
                defaults.concentrationShareBps(), ALL_BPS),
            (int)range("priceNearBandBps", toLong(surveillance.priceNearBandBps()), defaults.priceNearBandBps(),
                ALL_BPS),
            (int)range("holdingLimitShareBps", toLong(surveillance.holdingLimitShareBps()),
                defaults.holdingLimitShareBps(), ALL_BPS));
    }

    /**
     * @return account id to owner name; each owner names two or more configured accounts, each account one owner.
     */
    private static SortedMap<Long, String> owners(
        final Map<String, List<Long>> owners, final List<AccountConfig> accounts)
    {
        final SortedMap<Long, String> byAccount = new TreeMap<>();
        if (owners == null)
        {
            return byAccount;
        }
        final Set<Long> configured = new HashSet<>();
        accounts.forEach(account -> configured.add(account.id()));
        for (final Map.Entry<String, List<Long>> owner : owners.entrySet())
        {
            final String path = PATH + "owners." + owner.getKey();
            if (owner.getKey().isBlank())
            {
                throw new ConfigException(PATH + "owners", "an owner's name must not be blank");
            }
            final List<Long> owned = owner.getValue() == null ? List.of() : owner.getValue();
            if (owned.size() < 2)
            {
                throw new ConfigException(path, "must list two or more accounts, was " + owned);
            }
            for (final Long account : owned)
            {
                if (account == null || !configured.contains(account))
                {
                    throw new ConfigException(path, "no such account " + account + " in accounts");
                }
                final String other = byAccount.put(account, owner.getKey());
                if (other != null)
                {
                    throw new ConfigException(path, "account " + account + " already belongs to owner '" +
                        other + "'");
                }
            }
        }
        return byAccount;
    }

    private static long range(final String key, final Long value, final long otherwise, final long max)
    {
        if (value == null)
        {
            return otherwise;
        }
        if (value < 1 || value > max)
        {
            throw new ConfigException(PATH + key, "must be 1 to " + max + ", was " + value);
        }
        return value;
    }

    private static Long toLong(final Integer value)
    {
        return value == null ? null : value.longValue();
    }
}
