package io.carbonx.server.config;

import io.carbonx.clearing.FeeRate;
import io.carbonx.clearing.FeeSchedule;
import io.carbonx.engine.approval.FourEyesRules;
import io.carbonx.reports.surveillance.SurveillanceSettings;
import io.carbonx.engine.block.BlockTradeRules;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.UserNames;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.server.config.ExchangeConfig.AccountConfig;
import io.carbonx.server.config.ExchangeConfig.InstrumentConfig;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a configuration into what the engine understands: its fixed settings, and the genesis commands that list the
 * instruments and open, fund and credit the accounts on first start, so that the journal alone can rebuild the state.
 */
public final class EngineSetup
{
    private static final int MAX_INSTRUMENT_ID = 1_024;
    private static final int CLOSED_ORDER_MEMORY = 65_536;
    private static final List<String> FOUR_EYES_COMMANDS =
        List.of("issue-units", "allocate-allowances", "close-compliance-year");
    private static final long MAX_PROPOSAL_LIFETIME_SECONDS = 366L * 86_400;

    private final ExchangeConfig config;
    private final List<InstrumentSpec> instruments = new ArrayList<>();

    public EngineSetup(final ExchangeConfig config)
    {
        this.config = config;
        for (int i = 0; i < config.instruments().size(); i++)
        {
            instruments.add(instrument("instruments[" + i + "]", config.instruments().get(i)));
        }
    }

    public ExchangeSettings settings()
    {
        final ExchangeConfig.SchemeConfig scheme = config.scheme();
        return new ExchangeSettings(
            scheme.feeAccount(),
            holdingLimits(scheme.holdingLimits()),
            new FeeSchedule(feeRate("scheme.buyerFee", scheme.buyerFee()),
                feeRate("scheme.sellerFee", scheme.sellerFee())),
            MAX_INSTRUMENT_ID,
            config.server().bookCapacityOrDefault(),
            CLOSED_ORDER_MEMORY,
            blockTradeRules(scheme),
            ComplianceSetup.rules(scheme),
            config.server().serialRangeCapacityOrDefault(),
            CalendarSetup.calendar(scheme),
            CalendarSetup.referencePriceWindow(scheme),
            fourEyesRules(scheme.fourEyes()));
    }

    /**
     * @return the surveillance rules' thresholds, {@code scheme.surveillance}.
     * @throws ConfigException for a value out of range or an owner naming an unknown account.
     */
    public SurveillanceSettings surveillance()
    {
        return SurveillanceSetup.settings(config);
    }

    /**
     * @throws ConfigException for a command that cannot need approval, or a lifetime that is not positive.
     */
    static FourEyesRules fourEyesRules(final ExchangeConfig.FourEyesConfig fourEyes)
    {
        if (fourEyes == null)
        {
            return FourEyesRules.OFF;
        }
        final List<String> commands = fourEyes.commands() == null ? List.of() : fourEyes.commands();
        for (final String command : commands)
        {
            if (!FOUR_EYES_COMMANDS.contains(command))
            {
                throw new ConfigException("scheme.fourEyes.commands",
                    "must name only " + FOUR_EYES_COMMANDS + ", was '" + command + "'");
            }
        }
        final long seconds = fourEyes.proposalLifetimeSeconds() == null ?
            FourEyesRules.DEFAULT_PROPOSAL_LIFETIME_NANOS / 1_000_000_000L : fourEyes.proposalLifetimeSeconds();
        if (seconds < 1 || seconds > MAX_PROPOSAL_LIFETIME_SECONDS)
        {
            throw new ConfigException("scheme.fourEyes.proposalLifetimeSeconds",
                "must be 1 to " + MAX_PROPOSAL_LIFETIME_SECONDS + " seconds, was " + seconds);
        }
        return new FourEyesRules(commands.contains("issue-units"), commands.contains("allocate-allowances"),
            commands.contains("close-compliance-year"), seconds * 1_000_000_000L);
    }

    private static BlockTradeRules blockTradeRules(final ExchangeConfig.SchemeConfig scheme)
    {
        final BlockTradeRules defaults = BlockTradeRules.DEFAULT;
        final long threshold = scheme.blockThreshold() == null ? defaults.threshold() : scheme.blockThreshold();
        if (threshold < 1)
        {
            throw new ConfigException("scheme.blockThreshold", "must be a positive number of tonnes");
        }
        final int bandBps = scheme.blockPriceBandBps() == null ? defaults.priceBandBps() : scheme.blockPriceBandBps();
        if (bandBps < 0 || bandBps > 10_000)
        {
            throw new ConfigException("scheme.blockPriceBandBps", "must be 0 to 10000 basis points");
        }
        final boolean inClose = scheme.blockTradesInClose() == null ?
            defaults.countsInClosePrice() : scheme.blockTradesInClose();
        return new BlockTradeRules(threshold, bandBps, inClose);
    }

    /**
     * @return the names of the users commands carry: the FIX sessions and API users, in configuration order, which
     * is how their user ids are numbered.
     */
    public UserNames userNames()
    {
        final List<String> sessions = new ArrayList<>();
        for (final ExchangeConfig.SessionConfig session : config.sessions())
        {
            sessions.add(session.senderCompId());
        }
        final List<String> apiUsers = new ArrayList<>();
        for (final ExchangeConfig.ApiUserConfig user : config.apiUsers())
        {
            apiUsers.add(user.name());
        }
        return new UserNames(sessions, apiUsers);
    }

    public List<InstrumentSpec> instruments()
    {
        return instruments;
    }

    /**
     * Encode the genesis commands in order, handing each to {@code sink} as a byte array.
     *
     * @param timestamp the time the commands carry.
     */
    public void genesis(final long timestamp, final Consumer<byte[]> sink)
    {
        final CommandWriter writer = new CommandWriter().envelope(timestamp, SourceIds.EXCHANGE, 0);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        for (final InstrumentSpec spec : instruments)
        {
            sink.accept(copy(buffer, writer.addInstrument(buffer, 0, spec)));
        }
        for (int i = 0; i < config.accounts().size(); i++)
        {
            final AccountConfig account = config.accounts().get(i);
            final String path = "accounts[" + i + "]";
            sink.accept(
                copy(buffer, writer.openAccount(buffer, 0, account.id(), accountType(path + ".type", account.type()))));
            if (account.cash() != null)
            {
                final long cash = Amounts.toMinorUnits(path + ".cash", account.cash());
                sink.accept(copy(buffer, writer.depositCash(buffer, 0, account.id(), cash)));
            }
            if (account.holdings() != null)
            {
                for (final Map.Entry<String, Long> holding : account.holdings().entrySet())
                {
                    sink.accept(copy(buffer, writer.issueUnits(
                        buffer, 0, account.id(), instrumentId(holding.getKey()), holding.getValue())));
                }
            }
        }
        for (final ExchangeConfig.SessionConfig session : config.sessions())
        {
            if (session.brokerId() > 0)
            {
                for (final long accountId : session.accounts())
                {
                    sink.accept(copy(buffer, writer.linkBroker(buffer, 0, session.brokerId(), accountId)));
                }
            }
        }
    }

    public int instrumentId(final String symbol)
    {
        for (final InstrumentSpec spec : instruments)
        {
            if (spec.symbol().equals(symbol))
            {
                return spec.id();
            }
        }
        throw new ConfigException("", "no such instrument: " + symbol);
    }

    private static byte[] copy(final ExpandableArrayBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static InstrumentSpec instrument(final String path, final InstrumentConfig config)
    {
        try
        {
            return new InstrumentSpec(
                config.id(),
                config.symbol(),
                enumValue(path + ".kind", InstrumentKind.class, config.kind()),
                config.vintage(),
                Amounts.toMinorUnits(path + ".tick", config.tick()),
                config.lot(),
                config.minQuantity(),
                config.maxQuantity(),
                config.priceBandBps(),
                Amounts.toMinorUnits(path + ".referencePrice", config.referencePrice()),
                config.selfTradePolicy() == null ? SelfTradePolicy.CANCEL_INCOMING :
                    enumValue(path + ".selfTradePolicy", SelfTradePolicy.class, config.selfTradePolicy()));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(path, ex.getMessage());
        }
    }

    private static HoldingLimits holdingLimits(final Map<String, Long> limits)
    {
        HoldingLimits result = HoldingLimits.unlimited();
        if (limits != null)
        {
            for (final Map.Entry<String, Long> limit : limits.entrySet())
            {
                final String path = "scheme.holdingLimits." + limit.getKey();
                if (limit.getValue() == null || limit.getValue() <= 0)
                {
                    throw new ConfigException(path, "must be a positive number of tonnes");
                }
                result = result.with(accountType(path, limit.getKey()), limit.getValue());
            }
        }
        return result;
    }

    /**
     * "3bps" is 3 basis points of the trade value; "0.05/t" is 0.05 currency units per tonne.
     */
    static FeeRate feeRate(final String path, final String text)
    {
        final String value = text.trim();
        if (value.endsWith("bps"))
        {
            try
            {
                return FeeRate.basisPoints(Long.parseLong(value.substring(0, value.length() - 3).trim()));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(path, "basis points must be a whole number, e.g. '3bps': '" + text + "'");
            }
        }
        if (value.endsWith("/t"))
        {
            return FeeRate.perTonne(Amounts.toMinorUnits(path, value.substring(0, value.length() - 2)));
        }
        throw new ConfigException(path, "a fee is written '3bps' (of value) or '0.05/t' (per tonne): '" + text + "'");
    }

    private static AccountType accountType(final String path, final String name)
    {
        final AccountType type = enumValue(path, AccountType.class, name);
        if (type == AccountType.FEE)
        {
            throw new ConfigException(path, "the fee account is opened from scheme.feeAccount");
        }
        return type;
    }

    static <E extends Enum<E>> E enumValue(final String path, final Class<E> type, final String name)
    {
        if (name != null && !name.equals("NULL_VAL"))
        {
            for (final E value : type.getEnumConstants())
            {
                if (value.name().equalsIgnoreCase(name.trim()))
                {
                    return value;
                }
            }
        }
        throw new ConfigException(path, "must be one of " + Arrays.stream(type.getEnumConstants())
            .map(Enum::name).filter(n -> !n.equals("NULL_VAL")).toList() + ", was '" + name + "'");
    }
}
