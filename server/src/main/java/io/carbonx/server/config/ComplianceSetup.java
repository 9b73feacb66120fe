package io.carbonx.server.config;

import io.carbonx.clearing.compliance.AssessmentRules;
import io.carbonx.clearing.compliance.ComplianceRules;
import io.carbonx.clearing.compliance.PenaltyRules;
import io.carbonx.clearing.compliance.SchemePreset;
import io.carbonx.clearing.compliance.ShortfallBasis;
import io.carbonx.clearing.compliance.UnitRules;
import io.carbonx.registry.UnitAttributes;
import io.carbonx.registry.UnitLabel;
import io.carbonx.server.config.ExchangeConfig.ComplianceConfig;
import io.carbonx.server.config.ExchangeConfig.SchemeConfig;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns {@code scheme.preset} and {@code scheme.compliance} into the engine's {@link ComplianceRules}: the preset's
 * rules (CHINA_NATIONAL when no preset is named), with each key present in {@code scheme.compliance} replacing the
 * preset's value. Every bad value is reported with its key path.
 */
final class ComplianceSetup
{
    private static final String PATH = "scheme.compliance.";
    private static final int ALL_BPS = 10_000;

    private ComplianceSetup()
    {
    }

    static ComplianceRules rules(final SchemeConfig scheme)
    {
        final SchemePreset preset = scheme.preset() == null ? SchemePreset.CHINA_NATIONAL :
            EngineSetup.enumValue("scheme.preset", SchemePreset.class, scheme.preset());
        final ComplianceRules base = preset.rules();
        final ComplianceConfig overrides = scheme.compliance();
        if (overrides == null)
        {
            return base;
        }

        final PenaltyRules penalty = penalty(preset, base.penalty(), overrides);
        return new ComplianceRules(
            overrides.currency() == null ? base.currency() : currency(overrides.currency()),
            overrides.offsetCapBps() == null ? base.offsetCapBps() : bps("offsetCapBps", overrides.offsetCapBps()),
            overrides.offsetCapBpsFrom() == null ? base.offsetCapBpsFrom() :
                yearly("offsetCapBpsFrom", overrides.offsetCapBpsFrom(), true),
            or(overrides.offsetsEligible(), base.offsetsEligible()),
            or(overrides.sinksEligible(), base.sinksEligible()),
            or(overrides.banking(), base.bankingAllowed()),
            or(overrides.borrowing(), base.borrowingAllowed()),
            penalty,
            assessment(base.assessment(), overrides),
            units(base.units(), overrides));
    }

    private static UnitRules units(final UnitRules base, final ComplianceConfig overrides)
    {
        int registeredFrom = base.offsetProjectsRegisteredFrom();
        if (overrides.offsetProjectsRegisteredFrom() != null)
        {
            try
            {
                final LocalDate date = LocalDate.parse(overrides.offsetProjectsRegisteredFrom());
                registeredFrom = date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
            }
            catch (final DateTimeParseException ex)
            {
                throw new ConfigException(PATH + "offsetProjectsRegisteredFrom",
                    "must be a date yyyy-mm-dd, was '" + overrides.offsetProjectsRegisteredFrom() + "'");
            }
            if (!UnitAttributes.isDate(registeredFrom))
            {
                throw new ConfigException(PATH + "offsetProjectsRegisteredFrom",
                    "must be a date in years 1..9999, was '" + overrides.offsetProjectsRegisteredFrom() + "'");
            }
        }
        int labels = base.offsetLabelsRequired();
        if (overrides.offsetLabelsRequired() != null)
        {
            labels = 0;
            for (final String label : overrides.offsetLabelsRequired())
            {
                labels |= EngineSetup.enumValue(PATH + "offsetLabelsRequired", UnitLabel.class, label).bit();
            }
        }
        return new UnitRules(or(overrides.inclusionEligible(), base.inclusionEligible()), registeredFrom, labels);
    }

    private static AssessmentRules assessment(final AssessmentRules base, final ComplianceConfig overrides)
    {
        final int dueDays = overrides.fineDueDays() == null ? base.fineDueDays() : overrides.fineDueDays();
        if (dueDays < 0 || dueDays > 3_650)
        {
            throw new ConfigException(PATH + "fineDueDays", "must be 0..3650 days, was " + dueDays);
        }
        return new AssessmentRules(
            overrides.fineBasis() == null ? base.fineBasis() :
                EngineSetup.enumValue(PATH + "fineBasis", ShortfallBasis.class, overrides.fineBasis()),
            overrides.deductionBasis() == null ? base.deductionBasis() :
                EngineSetup.enumValue(PATH + "deductionBasis", ShortfallBasis.class, overrides.deductionBasis()),
            overrides.carryBasis() == null ? base.carryBasis() :
                EngineSetup.enumValue(PATH + "carryBasis", ShortfallBasis.class, overrides.carryBasis()),
            overrides.carriedOffsetShareBps() == null ? base.carriedOffsetShareBps() :
                bps("carriedOffsetShareBps", overrides.carriedOffsetShareBps()),
            or(overrides.penaltyIndexRequired(), base.indexRequired()),
            dueDays);
    }

    private static PenaltyRules penalty(
        final SchemePreset preset, final PenaltyRules base, final ComplianceConfig overrides)
    {
        final long multiple = overrides.penaltyPriceMultiple() == null ? base.priceMultiple() :
            overrides.penaltyPriceMultiple();
        if (multiple < base.priceMultipleMin() || multiple > base.priceMultipleMax())
        {
            throw new ConfigException(PATH + "penaltyPriceMultiple", "must be within " + base.priceMultipleMin() +
                ".." +
                base.priceMultipleMax() + " for " + preset + ", was " + multiple);
        }
        final long perTonne = overrides.penaltyPerTonne() == null ? base.finePerTonne() :
            Amounts.toMinorUnits(PATH + "penaltyPerTonne", overrides.penaltyPerTonne());
        if (perTonne < 0)
        {
            throw new ConfigException(PATH + "penaltyPerTonne", "must not be negative");
        }
        return new PenaltyRules(
            multiple,
            base.priceMultipleMin(),
            base.priceMultipleMax(),
            perTonne,
            overrides.penaltyIndexBps() == null ? base.fineIndexBps() :
                yearly("penaltyIndexBps", overrides.penaltyIndexBps(), false),
            multiple("nextYearDeductionMultiple", overrides.nextYearDeductionMultiple(),
                base.nextYearDeductionMultiple()),
            multiple("carryForwardMultiple", overrides.carryForwardMultiple(), base.carryForwardMultiple()));
    }

    private static String currency(final String code)
    {
        if (!code.matches("[A-Z]{3}"))
        {
            throw new ConfigException(PATH + "currency", "must be a three-letter ISO code such as CNY, was '" + code +
                "'");
        }
        return code;
    }

    private static int bps(final String key, final Integer value)
    {
        if (value < 0 || value > ALL_BPS)
        {
            throw new ConfigException(PATH + key, "must be 0..10000 basis points, was " + value);
        }
        return value;
    }

    /**
     * @param capped true for shares (at most 10,000 bps), false for indices (any positive value).
     */
    private static SortedMap<Integer, Integer> yearly(
        final String key, final Map<Integer, Integer> values, final boolean capped)
    {
        final TreeMap<Integer, Integer> result = new TreeMap<>();
        for (final Map.Entry<Integer, Integer> entry : values.entrySet())
        {
            final String path = PATH + key + "." + entry.getKey();
            final Integer value = entry.getValue();
            if (value == null || value <= 0 && !capped || value < 0 || capped && value > ALL_BPS)
            {
                throw new ConfigException(path,
                    (capped ? "must be 0..10000 basis points" : "must be positive basis points") +
                    ", was " + value);
            }
            if (entry.getKey() < 1 || entry.getKey() > 9_999)
            {
                throw new ConfigException(path, "the key must be a compliance year 1..9999");
            }
            result.put(entry.getKey(), value);
        }
        return result;
    }

    private static long multiple(final String key, final Long value, final long preset)
    {
        if (value == null)
        {
            return preset;
        }
        if (value < 0)
        {
            throw new ConfigException(PATH + key, "must not be negative, was " + value);
        }
        return value;
    }

    private static boolean or(final Boolean value, final boolean preset)
    {
        return value == null ? preset : value;
    }
}
