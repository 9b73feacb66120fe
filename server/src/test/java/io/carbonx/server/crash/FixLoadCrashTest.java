package io.carbonx.server.crash;

import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.server.config.ConfigLoader;
import io.carbonx.server.config.EngineSetup;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.reports.Balances;
import io.carbonx.server.ServerProcess;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static io.carbonx.server.crash.KillRounds.freePort;
import static io.carbonx.server.crash.KillRounds.keep;
import static io.carbonx.server.crash.KillRounds.keyed;
import static io.carbonx.server.crash.KillRounds.record;
import static io.carbonx.server.crash.KillRounds.seed;
import static io.carbonx.server.crash.KillRounds.symbolById;
import static org.awaitility.Awaitility.await;

/**
 * Issue #11, "Must show": the server is killed with SIGKILL at random moments under FIX load from three real members,
 * and restarted on the same data folder each time; after every restart, once the members have reconnected and the
 * reports have settled, it checks that
 * <ul>
 *     <li>(a) every order a member saw acknowledged is in the journal, every order it sent was answered, and no
 *     ClOrdID placed two orders;</li>
 *     <li>(b) every event of every journaled order (acceptance, each trade side, cancel, reject) reached the order's
 *     member exactly once, as an ExecutionReport of the right kind, quantity and price;</li>
 *     <li>(c) OrderStatusRequest answers, for a sample of working and closed orders, the status and CumQty the engine
 *     has;</li>
 *     <li>(d) cash and units are conserved: the totals over all accounts (fees go to the fee account) equal the
 *     configuration's, in the journal and in the running server's HTTP API.</li>
 * </ul>
 * The truth is the journal, replayed offline by the project's own replay ({@link JournalTruth}). The server is a child
 * JVM ({@link ServerProcess}) on the embedded demo configuration; the members are QuickFIX/J initiators with file
 * stores ({@link Member}) that reconnect and receive resends by themselves.
 * <p>
 * The seed is printed; rerun one with {@code -Dcarbonx.crash.seed=<seed>} (and {@code -Dcarbonx.crash.rounds=<n>}).
 * The checks are the same whatever the seed; only where the kills fall depends on it (and on timing). A failure lists
 * every problem by the kill round after which it was first seen, with the member, order id, ClOrdID and journal place.
 */
class FixLoadCrashTest
{
    private static final int ROUNDS = Integer.getInteger("carbonx.crash.rounds", 10);
    private static final long READY_MILLIS = 90_000;
    private static final long LOGON_MILLIS = 60_000;
    private static final long SETTLE_MILLIS = 60_000;
    private static final long QUIET_MILLIS = 6_000;
    private static final long STATUS_MILLIS = 15_000;
    private static final int STATUS_SAMPLE_CLOSED = 2;
    private static final int STATUS_SAMPLE_WORKING = 2;

    @TempDir
    Path folder;

    private ServerProcess server;
    private final List<Member> members = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException
    {
        members.forEach(Member::close);
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void everyAcknowledgedOrderAndJournaledFillReachesItsMemberAcrossKillsUnderLoad() throws Exception
    {
        final long seed = seed("FixLoadCrashTest", "carbonx.crash.seed", ROUNDS + " kill rounds, files in " + folder);
        final Random random = new Random(seed);

        final ExchangeConfig demo = ConfigLoader.loadDefault();
        final ExchangeSettings settings = new EngineSetup(demo).settings();
        final Map<Integer, String> symbolById = symbolById(demo);
        final Holdings.Totals initial = configuredTotals(demo);

        final Path data = folder.resolve("data");
        final Path journal = data.resolve("journal");
        final Path log = folder.resolve("server.log");
        final int fixPort = freePort();
        final int httpPort = freePort();

        server = startServer(data, fixPort, httpPort, log, "first start");
        server.awaitReady(READY_MILLIS);
        members.add(new Member("BROKER1", List.of(1001L, 1002L), fixPort, folder.resolve("fix-BROKER1")));
        members.add(new Member("CITIC", List.of(3001L), fixPort, folder.resolve("fix-CITIC")));
        members.add(new Member("FOREST", List.of(2001L), fixPort, folder.resolve("fix-FOREST")));
        for (final Member member : members)
        {
            member.start();
        }
        final Reconciliation reconciliation = new Reconciliation(members, symbolById);
        final Map<String, List<String>> problemsByRound = new LinkedHashMap<>();
        final Set<String> known = new HashSet<>();

        final Map<String, String> start = keyed(awaitLogon(0));
        if (start.isEmpty())
        {
            start.putAll(keyed(conservation(JournalTruth.read(journal, settings), initial, httpPort, symbolById)));
        }
        record(problemsByRound, known, "first start", start);

        for (int round = 1; round <= ROUNDS && start.isEmpty(); round++)
        {
            final OrderLoad load = OrderLoad.start(members, round, random.nextLong());
            final int killAfter = 10 + random.nextInt(400);
            final boolean underLoad = load.awaitSent(killAfter, 60_000);
            final int sentBeforeKill = load.sent();
            server.kill();
            load.stop();
            final String killed = "round " + round + ": SIGKILL once " + sentBeforeKill +
                " orders of the round were sent" +
                (underLoad ? "" : " (the load had not reached " + killAfter + ")");

            final long restarted = System.currentTimeMillis();
            server = startServer(data, fixPort, httpPort, log, "restart " + round);
            final String ready = server.awaitReady(READY_MILLIS);
            final long readyAt = System.currentTimeMillis();
            final Map<String, String> problems = keyed(awaitLogon(round));
            if (!problems.isEmpty())
            {
                record(problemsByRound, known, killed, problems);
                break;
            }
            final long loggedOnAt = System.currentTimeMillis();

            final JournalTruth truth = settle(journal, settings, reconciliation, known);
            problems.putAll(reconciliation.problems(truth));
            final long settledAt = System.currentTimeMillis();
            problems.putAll(keyed(statusRequests(truth, reconciliation, symbolById, random, round)));
            problems.putAll(keyed(conservation(truth, initial, httpPort, symbolById)));
            final int fresh = record(problemsByRound, known, killed, problems);
            System.out.printf(
                "FixLoadCrashTest: %s; ready after %d ms (%s), logged on after %d ms, settled after %d ms; " +
                "journal at command %d with %d trades, orders %s; %d new problem(s)%n", killed, readyAt - restarted,
                ready,
                loggedOnAt - readyAt, settledAt - loggedOnAt, truth.lastSequence, truth.trades, orderCounts(truth),
                fresh);
        }

        final StringBuilder summary = new StringBuilder();
        final StringBuilder failure = new StringBuilder();
        problemsByRound.forEach((round, problems) ->
        {
            if (!problems.isEmpty())
            {
                final Map<String, Integer> byCheck = new TreeMap<>();
                problems.forEach(problem -> byCheck.merge(problem.substring(0, 3), 1, Integer::sum));
                summary.append("\n  ").append(round).append(": ").append(byCheck);
                failure.append('\n').append(round).append(':');
                problems.forEach(problem -> failure.append("\n  ").append(problem));
            }
        });
        if (failure.length() > 0)
        {
            failure.insert(0, "\nnew problems by check:" + summary);
            for (final Member member : members)
            {
                if (!member.sessionEvents.isEmpty())
                {
                    failure.append("\n").append(member.name).append(" session events: ").append(member.sessionEvents);
                }
            }
            throw new AssertionError("seed " + seed + " (-Dcarbonx.crash.seed=" + seed + "); server log " +
                keep(log, "FixLoadCrashTest-server.log") + "; problems by the kill after which they were first seen:" +
                failure);
        }
    }

    /**
     * Waits until the condition holds or {@code millis} pass, without failing: the checks that follow turn whatever is
     * still missing into problems of their own.
     */
    private static void awaitQuietly(final long millis, final Callable<Boolean> condition)
    {
        try
        {
            await().atMost(millis, TimeUnit.MILLISECONDS).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(condition);
        }
        catch (final ConditionTimeoutException ex)
        {
            // reported by the caller's checks
        }
    }


    /**
     * Wait until the members have every report the journal calls for and an answer to every order they sent: the
     * condition the checks want. A product that lost reports never gets there, so the wait also ends when nothing has
     * changed (no report received, no command journaled) for {@link #QUIET_MILLIS}, or at {@link #SETTLE_MILLIS}.
     *
     * @return the journal's truth when the wait ended.
     */
    private JournalTruth settle(
        final Path journal, final ExchangeSettings settings, final Reconciliation reconciliation,
        final Set<String> known)
        throws InterruptedException
    {
        final Settling settling = new Settling();
        try
        {
            await().atMost(SETTLE_MILLIS, TimeUnit.MILLISECONDS).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> settling.settled(JournalTruth.read(journal, settings), reconciliation, known));
            return settling.truth;
        }
        catch (final ConditionTimeoutException ex)
        {
            return JournalTruth.read(journal, settings); // the checks that follow report what is still missing
        }
    }

    /**
     * The state of a {@link #settle} wait: the last truth read, and when the journal or the reports last changed.
     */
    private final class Settling
    {
        private JournalTruth truth;
        private long lastState = -1;
        private long lastChangeNanos = System.nanoTime();

        boolean settled(final JournalTruth read, final Reconciliation reconciliation, final Set<String> known)
        {
            truth = read;
            final Set<String> fresh = new TreeSet<>(reconciliation.problems(read).keySet());
            fresh.removeAll(known);
            long state = read.lastSequence;
            for (final Member member : members)
            {
                state = state * 31 + member.reports.size();
            }
            final long now = System.nanoTime();
            if (state != lastState)
            {
                lastState = state;
                lastChangeNanos = now;
            }
            return fresh.isEmpty() || now - lastChangeNanos > TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
        }
    }

    /**
     * @return a problem per member that did not log on in time.
     */
    private List<String> awaitLogon(final int round) throws InterruptedException
    {
        awaitQuietly(LOGON_MILLIS, () -> members.stream().allMatch(Member::isLoggedOn));
        final List<String> problems = new ArrayList<>();
        for (final Member member : members)
        {
            if (!member.isLoggedOn())
            {
                problems.add(String.format("[a] %s did not log on within %d s of %s; its session: %s; server:%n%s",
                    member.name, LOGON_MILLIS / 1000, round == 0 ? "the first start" : "restart " + round,
                    member.sessionEvents, server.tail()));
            }
        }
        return problems;
    }

    /**
     * (c) For a sample of each member's orders, working and closed: an OrderStatusRequest, answered with the engine's
     * status and CumQty.
     */
    private List<String> statusRequests(
        final JournalTruth truth, final Reconciliation reconciliation, final Map<Integer, String> symbolById,
        final Random random, final int round) throws InterruptedException
    {
        record Probe(Member member, EngineOrder order, String clOrdId, long answersBefore)
        {
        }
        final List<Probe> probes = new ArrayList<>();
        for (final Member member : members)
        {
            final Map<Long, String> clOrdIds = new TreeMap<>();
            for (final Report report : member.reports())
            {
                final Long orderId = report.engineOrderId();
                if (report.msgType() == '8' && !report.isStatusAnswer() && orderId != null && report.clOrdId() != null)
                {
                    clOrdIds.putIfAbsent(orderId, report.clOrdId());
                }
            }
            final List<EngineOrder> working = new ArrayList<>();
            final List<EngineOrder> closed = new ArrayList<>();
            for (final EngineOrder order : truth.orders.values())
            {
                if (reconciliation.memberOf(order.accountId) == member && order.accepted &&
                    clOrdIds.containsKey(order.orderId))
                {
                    (order.isWorking() ? working : closed).add(order);
                }
            }
            final List<EngineOrder> sample = new ArrayList<>();
            sample.addAll(pick(closed, STATUS_SAMPLE_CLOSED, random));
            sample.addAll(pick(working, STATUS_SAMPLE_WORKING, random));
            for (final EngineOrder order : sample)
            {
                final String clOrdId = clOrdIds.get(order.orderId);
                probes.add(new Probe(member, order, clOrdId, statusAnswers(member, clOrdId).size()));
                member.sendStatusRequest(Long.toString(order.orderId), clOrdId, symbolById.get(order.instrumentId),
                    order.side == 'B' ? '1' : '2');
            }
        }

        awaitQuietly(STATUS_MILLIS,
            () -> probes.stream().allMatch(p -> statusAnswers(p.member(), p.clOrdId()).size() > p.answersBefore()));
        final List<String> problems = new ArrayList<>();
        for (final Probe probe : probes)
        {
            final EngineOrder order = probe.order();
            final String what = String.format("[c] round %d: %s OrderStatusRequest for order %d (ClOrdID %s, %s)",
                round, probe.member().name, order.orderId, probe.clOrdId(),
                order.describe(symbolById.get(order.instrumentId)));
            final List<Report> answers = statusAnswers(probe.member(), probe.clOrdId());
            if (answers.size() <= probe.answersBefore())
            {
                problems.add(what + ": no answer within " + STATUS_MILLIS / 1000 + " s");
                continue;
            }
            final Report answer = answers.get((int)probe.answersBefore());
            if (answer.ordStatus() != order.ordStatus() || answer.cumQty() != order.cumQty())
            {
                problems.add(
                    String.format("%s: answered OrdStatus=%c CumQty=%d%s; the engine has OrdStatus=%c CumQty=%d",
                    what, answer.ordStatus(), answer.cumQty(), answer.text() == null ? "" : " (" + answer.text() + ")",
                    order.ordStatus(), order.cumQty()));
            }
        }
        return problems;
    }

    /**
     * @return how many orders the journal has per status and account, for the progress line.
     */
    private static Map<String, Integer> orderCounts(final JournalTruth truth)
    {
        final Map<String, Integer> counts = new TreeMap<>();
        for (final EngineOrder order : truth.orders.values())
        {
            counts.merge(order.accountId + ":" + order.ordStatus(), 1, Integer::sum);
        }
        return counts;
    }

    private static List<Report> statusAnswers(final Member member, final String clOrdId)
    {
        final List<Report> answers = new ArrayList<>();
        for (final Report report : member.reports())
        {
            if (report.isStatusAnswer() && clOrdId.equals(report.clOrdId()))
            {
                answers.add(report);
            }
        }
        return answers;
    }

    private static List<EngineOrder> pick(final List<EngineOrder> orders, final int count, final Random random)
    {
        final List<EngineOrder> left = new ArrayList<>(orders);
        final List<EngineOrder> picked = new ArrayList<>();
        while (picked.size() < count && !left.isEmpty())
        {
            picked.add(left.remove(random.nextInt(left.size())));
        }
        return picked;
    }

    /**
     * (d) The totals of cash and of each instrument's units over all accounts, in the journal and as the running
     * server reports them, equal the configuration's: trades move cash and units, and fees move cash to the fee
     * account.
     */
    private static List<String> conservation(
        final JournalTruth truth, final Holdings.Totals initial, final int httpPort, final Map<Integer,
        String> symbolById)
        throws IOException, InterruptedException
    {
        long cash = 0;
        final Map<String, Long> units = new TreeMap<>();
        for (final Balances.AccountBalance account : truth.closing.accounts().values())
        {
            cash += account.cash();
            account.units().forEach((instrument, quantity) ->
            {
                if (quantity != 0)
                {
                    units.merge(symbolById.get(instrument), quantity, Long::sum);
                }
            });
        }
        final List<String> problems = new ArrayList<>();
        compare("the journal", new Holdings.Totals(cash, units), initial, problems);
        final Holdings.Totals served = Holdings.read(httpPort, truth.closing.accounts().keySet(), truth.lastSequence);
        final Map<String, Long> servedUnits = new TreeMap<>(served.units());
        servedUnits.values().removeIf(quantity -> quantity == 0);
        compare("the server's HTTP API", new Holdings.Totals(served.cash(), servedUnits), initial, problems);
        return problems;
    }

    private static void compare(
        final String where, final Holdings.Totals totals, final Holdings.Totals initial, final List<String> problems)
    {
        if (totals.cash() != initial.cash())
        {
            problems.add(String.format("[d] cash over all accounts in %s is %s, configured %s", where,
                EngineOrder.money(totals.cash()), EngineOrder.money(initial.cash())));
        }
        if (!totals.units().equals(initial.units()))
        {
            problems.add(String.format("[d] units over all accounts in %s are %s, configured %s", where, totals.units(),
                initial.units()));
        }
    }

    private static Holdings.Totals configuredTotals(final ExchangeConfig config)
    {
        long cash = 0;
        final Map<String, Long> units = new TreeMap<>();
        for (final ExchangeConfig.AccountConfig account : config.accounts())
        {
            cash += account.cash() == null ? 0 : Holdings.cents(account.cash());
            if (account.holdings() != null)
            {
                account.holdings().forEach((symbol, quantity) -> units.merge(symbol, quantity, Long::sum));
            }
        }
        return new Holdings.Totals(cash, units);
    }

    /**
     * The server on the data folder and fixed ports; it recovers whatever the folder holds. Its output is appended to
     * one log across restarts.
     */
    private ServerProcess startServer(final Path data, final int fixPort, final int httpPort, final Path log,
        final String label) throws IOException
    {
        return ServerProcess.start(folder, log, label, "--data", data.toString(), "--fix-port",
            Integer.toString(fixPort), "--http-port", Integer.toString(httpPort));
    }

}
