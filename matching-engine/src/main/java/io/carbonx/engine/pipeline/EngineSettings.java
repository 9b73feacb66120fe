package io.carbonx.engine.pipeline;

import io.carbonx.engine.journal.JournalDurability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable configuration of one engine: ring sizes, wait strategies, journal durability, folders and snapshots.
 * Build with {@link #builder()}; every knob but the two folders has a default: rings of 8Ki commands and 16Ki events,
 * batches of at most 256 commands, {@link WaitStrategyType#BACKOFF} on both rings (no thread runs while idle, which
 * suits a machine with fewer cores than engine threads; a busy strategy is a choice for dedicated cores),
 * {@link JournalDurability#PAGE_CACHE}, a snapshot every 1,000,000 commands, 3 snapshots kept, and 10 s to drain on
 * close.
 */
public final class EngineSettings
{
    /** Most commands journaled and applied as one batch, unless set otherwise. */
    public static final int DEFAULT_BATCH_COMMANDS = 256;

    private final int commandRingSize;
    private final int eventRingSize;
    private final int batchCommands;
    private final WaitStrategyType commandWaitStrategy;
    private final WaitStrategyType eventWaitStrategy;
    private final JournalDurability journalDurability;
    private final Path journalDirectory;
    private final Path snapshotDirectory;
    private final long snapshotIntervalCommands;
    private final int snapshotsToKeep;
    private final Duration drainTimeout;

    private EngineSettings(final Builder builder)
    {
        commandRingSize = requirePowerOfTwo("commandRingSize", builder.commandRingSize);
        eventRingSize = requirePowerOfTwo("eventRingSize", builder.eventRingSize);
        if (builder.batchCommands < 1)
        {
            throw new IllegalArgumentException("batchCommands must be >= 1: " + builder.batchCommands);
        }
        batchCommands = builder.batchCommands;
        commandWaitStrategy = Objects.requireNonNull(builder.commandWaitStrategy, "commandWaitStrategy");
        eventWaitStrategy = Objects.requireNonNull(builder.eventWaitStrategy, "eventWaitStrategy");
        journalDurability = Objects.requireNonNull(builder.journalDurability, "journalDurability");
        journalDirectory = Objects.requireNonNull(builder.journalDirectory, "journalDirectory");
        snapshotDirectory = Objects.requireNonNull(builder.snapshotDirectory, "snapshotDirectory");
        if (builder.snapshotIntervalCommands < 0)
        {
            throw new IllegalArgumentException(
                "snapshotIntervalCommands must be >= 0: " + builder.snapshotIntervalCommands);
        }
        snapshotIntervalCommands = builder.snapshotIntervalCommands;
        if (builder.snapshotsToKeep < 1)
        {
            throw new IllegalArgumentException("snapshotsToKeep must be >= 1: " + builder.snapshotsToKeep);
        }
        snapshotsToKeep = builder.snapshotsToKeep;
        drainTimeout = Objects.requireNonNull(builder.drainTimeout, "drainTimeout");
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return a builder starting from these settings.
     */
    public Builder toBuilder()
    {
        return new Builder()
            .commandRingSize(commandRingSize)
            .eventRingSize(eventRingSize)
            .batchCommands(batchCommands)
            .commandWaitStrategy(commandWaitStrategy)
            .eventWaitStrategy(eventWaitStrategy)
            .journalDurability(journalDurability)
            .journalDirectory(journalDirectory)
            .snapshotDirectory(snapshotDirectory)
            .snapshotIntervalCommands(snapshotIntervalCommands)
            .snapshotsToKeep(snapshotsToKeep)
            .drainTimeout(drainTimeout);
    }

    /**
     * Slots in the inbound ring, a power of two. Each slot holds a command of up to
     * {@link EnginePipeline#MAX_COMMAND_LENGTH} bytes, so this many times that is allocated up front.
     */
    public int commandRingSize()
    {
        return commandRingSize;
    }

    /**
     * Slots in the outbound ring, a power of two, each of {@link io.carbonx.engine.event.EventSink#MAX_EVENT_LENGTH}.
     */
    public int eventRingSize()
    {
        return eventRingSize;
    }

    /**
     * The most commands the business-logic thread journals and then applies as one batch. Larger batches spread a
     * journal sync and the hand-offs between threads over more commands; smaller ones answer the first command of a
     * burst sooner. With {@link JournalDurability#SYNC_PER_BATCH} it bounds how many commands one sync covers.
     */
    public int batchCommands()
    {
        return batchCommands;
    }

    /**
     * How the business-logic thread waits for commands.
     */
    public WaitStrategyType commandWaitStrategy()
    {
        return commandWaitStrategy;
    }

    /**
     * How the event listeners wait for events.
     */
    public WaitStrategyType eventWaitStrategy()
    {
        return eventWaitStrategy;
    }

    public JournalDurability journalDurability()
    {
        return journalDurability;
    }

    public Path journalDirectory()
    {
        return journalDirectory;
    }

    public Path snapshotDirectory()
    {
        return snapshotDirectory;
    }

    /**
     * A snapshot is taken after every command whose sequence + 1 is a multiple of this; 0 takes none but those
     * asked for by a {@code TakeSnapshot} command. Tied to sequences rather than to a count since start so that the
     * same journal always has its snapshots at the same points.
     */
    public long snapshotIntervalCommands()
    {
        return snapshotIntervalCommands;
    }

    /**
     * How many of the newest snapshots are kept, so that a damaged newest one can be skipped.
     */
    public int snapshotsToKeep()
    {
        return snapshotsToKeep;
    }

    /**
     * How long {@link EnginePipeline#close()} waits for published commands and their events to be processed.
     */
    public Duration drainTimeout()
    {
        return drainTimeout;
    }

    @Override
    public String toString()
    {
        return "EngineSettings{" +
            "commandRingSize=" + commandRingSize +
            ", eventRingSize=" + eventRingSize +
            ", batchCommands=" + batchCommands +
            ", commandWaitStrategy=" + commandWaitStrategy +
            ", eventWaitStrategy=" + eventWaitStrategy +
            ", journalDurability=" + journalDurability +
            ", journalDirectory=" + journalDirectory +
            ", snapshotDirectory=" + snapshotDirectory +
            ", snapshotIntervalCommands=" + snapshotIntervalCommands +
            ", snapshotsToKeep=" + snapshotsToKeep +
            ", drainTimeout=" + drainTimeout +
            '}';
    }

    private static int requirePowerOfTwo(final String name, final int value)
    {
        if (value < 2 || Integer.bitCount(value) != 1)
        {
            throw new IllegalArgumentException(name + " must be a power of two >= 2: " + value);
        }
        return value;
    }

    /**
     * Mutable builder; {@link #build()} validates.
     */
    public static final class Builder
    {
        private int commandRingSize = 8 * 1024;
        private int eventRingSize = 16 * 1024;
        private int batchCommands = DEFAULT_BATCH_COMMANDS;
        private WaitStrategyType commandWaitStrategy = WaitStrategyType.BACKOFF;
        private WaitStrategyType eventWaitStrategy = WaitStrategyType.BACKOFF;
        private JournalDurability journalDurability = JournalDurability.PAGE_CACHE;
        private Path journalDirectory;
        private Path snapshotDirectory;
        private long snapshotIntervalCommands = 1_000_000;
        private int snapshotsToKeep = 3;
        private Duration drainTimeout = Duration.ofSeconds(10);

        private Builder()
        {
        }

        public Builder commandRingSize(final int slots)
        {
            this.commandRingSize = slots;
            return this;
        }

        public Builder eventRingSize(final int slots)
        {
            this.eventRingSize = slots;
            return this;
        }

        public Builder batchCommands(final int commands)
        {
            this.batchCommands = commands;
            return this;
        }

        public Builder commandWaitStrategy(final WaitStrategyType waitStrategy)
        {
            this.commandWaitStrategy = waitStrategy;
            return this;
        }

        public Builder eventWaitStrategy(final WaitStrategyType waitStrategy)
        {
            this.eventWaitStrategy = waitStrategy;
            return this;
        }

        public Builder journalDurability(final JournalDurability durability)
        {
            this.journalDurability = durability;
            return this;
        }

        public Builder journalDirectory(final Path directory)
        {
            this.journalDirectory = directory;
            return this;
        }

        public Builder snapshotDirectory(final Path directory)
        {
            this.snapshotDirectory = directory;
            return this;
        }

        public Builder snapshotIntervalCommands(final long commands)
        {
            this.snapshotIntervalCommands = commands;
            return this;
        }

        public Builder snapshotsToKeep(final int snapshots)
        {
            this.snapshotsToKeep = snapshots;
            return this;
        }

        public Builder drainTimeout(final Duration timeout)
        {
            this.drainTimeout = timeout;
            return this;
        }

        public EngineSettings build()
        {
            return new EngineSettings(this);
        }
    }
}
