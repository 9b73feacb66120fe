package io.carbonx.engine.pipeline;

import io.carbonx.engine.core.StateMachine;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the engine in a child JVM, kills it with SIGKILL at a random moment, restarts it from the same folder, several
 * times over, and checks that nothing it answered was lost and that every recovery rebuilt the state exactly:
 * <ul>
 *     <li>every event reported before a kill is, byte for byte, an event of a fresh replay of the journal;</li>
 *     <li>no event was reported for a command the next recovery did not find in the journal;</li>
 *     <li>each restart continues sequencing right after the journal's last command;</li>
 *     <li>each recovered state hash equals that of a fresh replay of the journal up to the same sequence.</li>
 * </ul>
 * Generic over the state machine: the child builds it from {@link #STATE_MACHINE}, the class name of a
 * {@code StateMachine} or of a {@code Supplier<StateMachine>}.
 */
class CrashRecoveryTest
{
    /**
     * The state machine under test. For the exchange, name its class (or a supplier of it) here.
     */
    static final String STATE_MACHINE = ExchangeWorkload.MachineFactory.class.getName();

    private static final long SEED = 20_261_121L;
    private static final int ROUNDS = 4;
    private static final long SNAPSHOT_INTERVAL = 5_000;
    private static final int MIN_OUTCOMES_BEFORE_KILL = 2_000;
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    private record Round(long recoveredSequence, long recoveredHash, List<String> outcomes)
    {
    }

    @Test
    @Timeout(240)
    void everyOutcomeReportedBeforeAKillSurvivesRecovery() throws Exception
    {
        final Random random = new Random(SEED);
        final List<Round> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++)
        {
            final JournalDurability durability = 0 == round % 2 ? JournalDurability.PAGE_CACHE
                : JournalDurability.SYNC_PER_BATCH;
            try (ChildEngineProcess child = startChild(SEED + round, durability, "run", round))
            {
                final String recovered = child.awaitLine("RECOVERED ", STARTUP);
                child.awaitLine("STARTED", STARTUP);
                // A random moment, but after enough answers that the kill lands in a busy engine: the moment is
                // counted in answers rather than in time, so it does not depend on how fast this machine is.
                child.awaitLines("E ", MIN_OUTCOMES_BEFORE_KILL + random.nextInt(MIN_OUTCOMES_BEFORE_KILL), STARTUP);
                child.kill();

                final List<String> outcomes = new ArrayList<>();
                for (final String line : child.lines())
                {
                    if (line.startsWith("E "))
                    {
                        outcomes.add(line);
                    }
                }
                final String tradeTemplate = " " + TradeDecoder.TEMPLATE_ID + " ";
                assertTrue(outcomes.stream().anyMatch(line -> line.contains(tradeTemplate)),
                    "the workload must trade before the kill for the test to prove anything");
                rounds.add(new Round(longField(recovered, 1), longField(recovered, 2), outcomes));
                System.out.printf("crash round %d (%s): recovered to %d, %d outcomes reported before the kill%n",
                    round, durability, longField(recovered, 1), outcomes.size());
            }
        }

        final Round last;
        try (ChildEngineProcess child = startChild(SEED, JournalDurability.PAGE_CACHE, "recover", ROUNDS))
        {
            final String recovered = child.awaitLine("RECOVERED ", STARTUP);
            assertEquals(0, child.awaitExit(STARTUP), child.errorTail());
            last = new Round(longField(recovered, 1), longField(recovered, 2), List.of());
        }
        rounds.add(last);

        // A fresh replay of the journal, stopping at each recovery point to compare hashes.
        final StateMachine fresh = StateMachines.newInstance(STATE_MACHINE);
        final Map<String, String> freshOutcomes = new HashMap<>();
        final OutcomeReport report = new OutcomeReport();
        final EngineEventListener collector = (buffer, offset, length, commandSequence) ->
        {
            final String line = report.line(buffer, offset, length, commandSequence).toString();
            freshOutcomes.put(OutcomeReport.keyOf(line), line);
        };
        try (JournalReader reader = new JournalReader(folder.resolve("journal")))
        {
            assertEquals(last.recoveredSequence(), reader.lastSequence());
            long replayedTo = -1;
            for (int round = 0; round <= ROUNDS; round++)
            {
                final Round recovery = rounds.get(round);
                JournalReplay.replay(reader, fresh, replayedTo, recovery.recoveredSequence(), collector);
                replayedTo = recovery.recoveredSequence();
                assertEquals(replayedTo, fresh.lastAppliedSequence(), "recovery " + round);
                assertEquals(fresh.stateHash(), recovery.recoveredHash(), "state hash after recovery " + round);
            }
        }

        for (int round = 0; round < ROUNDS; round++)
        {
            final long startedAfter = rounds.get(round).recoveredSequence();
            final long nextRecovered = rounds.get(round + 1).recoveredSequence();
            for (final String outcome : rounds.get(round).outcomes())
            {
                final long sequence = OutcomeReport.sequenceOf(outcome);
                assertTrue(sequence > startedAfter, "round " + round + " answered an old sequence: " + outcome);
                assertTrue(sequence <= nextRecovered, "round " + round + " answered a command the journal lost: " +
                    outcome);
                assertEquals(outcome, freshOutcomes.get(OutcomeReport.keyOf(outcome)), "round " + round);
            }
        }
    }

    private ChildEngineProcess startChild(
        final long seed, final JournalDurability durability, final String mode, final int round) throws Exception
    {
        return ChildEngineProcess.start(folder, STATE_MACHINE, seed, durability, SNAPSHOT_INTERVAL, mode,
            folder.resolve("child-" + round + ".err"));
    }

    private static long longField(final String line, final int field)
    {
        return Long.parseLong(line.split(" ")[field]);
    }
}
