package io.carbonx.server.crash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what the members received with what the journal says happened, and names every difference: an order that
 * a member saw acknowledged but the engine does not know, an event of a journaled order (its acceptance, each fill,
 * its cancel) that did not reach its member exactly once, an order sent and never answered, a ClOrdID that placed two
 * orders. Each problem is one line, stable while the problem lasts, so that a problem is reported for the round in
 * which it first appeared. Used by the test thread.
 */
final class Reconciliation
{
    private final List<Member> members;
    private final Map<Long, Member> memberByAccount = new HashMap<>();
    private final Map<Integer, String> symbolById;

    Reconciliation(final List<Member> members, final Map<Integer, String> symbolById)
    {
        this.members = List.copyOf(members);
        for (final Member member : members)
        {
            member.accounts.forEach(account -> memberByAccount.put(account, member));
        }
        this.symbolById = Map.copyOf(symbolById);
    }

    /**
     * @return one line per problem, by a key that names the problem and stays the same while it lasts (its text may
     *     gain detail, such as the ClOrdID of an order that a later report names).
     */
    Map<String, String> problems(final JournalTruth truth)
    {
        final Map<String, String> problems = new TreeMap<>();
        for (final Member member : members)
        {
            check(member, truth, problems);
        }
        return problems;
    }

    /**
     * @return the member that trades an account, or null.
     */
    Member memberOf(final long accountId)
    {
        return memberByAccount.get(accountId);
    }

    private void check(final Member member, final JournalTruth truth, final Map<String, String> problems)
    {
        final Map<Long, Map<String, Integer>> received = new TreeMap<>();
        final Map<Long, Set<String>> clOrdIdsByOrder = new HashMap<>();
        final Map<String, Set<Long>> ordersByClOrdId = new TreeMap<>();
        final Set<String> answered = new TreeSet<>();
        for (final Report report : member.reports())
        {
            if (report.isStatusAnswer())
            {
                continue;
            }
            if (report.msgType() == 'j' || report.msgType() == '3')
            {
                final String refused = member.clOrdIdBySeqNum.get(report.refSeqNum());
                if (refused != null)
                {
                    answered.add(refused);
                }
                continue;
            }
            if (report.clOrdId() != null)
            {
                answered.add(report.clOrdId());
            }
            final Long orderId = report.engineOrderId();
            if (orderId == null)
            {
                continue;
            }
            received.computeIfAbsent(orderId, id -> new TreeMap<>()).merge(report.eventKey(), 1, Integer::sum);
            if (report.msgType() == '8' && report.clOrdId() != null)
            {
                clOrdIdsByOrder.computeIfAbsent(orderId, id -> new TreeSet<>()).add(report.clOrdId());
                ordersByClOrdId.computeIfAbsent(report.clOrdId(), id -> new TreeSet<>()).add(orderId);
            }
        }

        // (a) every order the member saw acknowledged is the engine's, and the member's
        for (final long orderId : received.keySet())
        {
            final EngineOrder order = truth.orders.get(orderId);
            if (order == null)
            {
                problems.put("unknown order " + member.name + " " + orderId, String.format(
                    "[a] %s was sent reports %s for order %d (ClOrdID %s) that the journal does " +
                    "not have", member.name, received.get(orderId), orderId, clOrdIdsByOrder.get(orderId)));
            }
            else if (memberByAccount.get(order.accountId) != member)
            {
                problems.put("foreign order " + member.name + " " + orderId, String.format(
                    "[a] %s was sent reports %s for order %d of account %d, not its own",
                    member.name, received.get(orderId), orderId, order.accountId));
            }
        }
        // (a) every order sent was answered: an ExecutionReport for its ClOrdID, or a reject of its message
        for (final Member.SentOrder sent : member.sent.values())
        {
            if (!answered.contains(sent.clOrdId()))
            {
                problems.put("unanswered " + member.name + " " + sent.clOrdId(), String.format(
                    "[a] %s order %s (%s %d t %s @ %s for %d, sent in round %d, MsgSeqNum %s) " +
                    "was never answered", member.name, sent.clOrdId(), sent.side() == '1' ? "buy" : "sell",
                    sent.quantity(), sent.symbol(), EngineOrder.money(sent.price()), sent.account(), sent.round(),
                    seqNumsOf(member, sent.clOrdId())));
            }
        }
        // one ClOrdID, one order: a resent order must not be placed twice, and no order is placed that was not sent
        ordersByClOrdId.forEach((clOrdId, orderIds) ->
        {
            if (!member.sent.containsKey(clOrdId))
            {
                problems.put("not sent " + member.name + " " + clOrdId, String.format(
                    "[a] %s was sent reports for orders %s with ClOrdID %s, which it never sent", member.name, orderIds,
                    clOrdId));
            }
            if (orderIds.size() > 1)
            {
                problems.put("placed twice " + member.name + " " + clOrdId, String.format(
                    "[a] %s ClOrdID %s was placed as %d orders: %s", member.name, clOrdId,
                    orderIds.size(), orderIds));
            }
        });

        // (b) every event of every journaled order of the member's accounts reached it exactly once
        for (final EngineOrder order : truth.orders.values())
        {
            if (memberByAccount.get(order.accountId) != member)
            {
                continue;
            }
            final Map<String, Integer> expected = order.expectedReports();
            final Map<String, Integer> got = received.getOrDefault(order.orderId, Map.of());
            final Set<String> keys = new TreeSet<>(expected.keySet());
            keys.addAll(got.keySet());
            for (final String key : keys)
            {
                final int journaled = expected.getOrDefault(key, 0);
                final int reported = got.getOrDefault(key, 0);
                if (journaled != reported)
                {
                    problems.put("report " + member.name + " " + order.orderId + " " + key, String.format(
                        "[b] %s order %d (ClOrdID %s, %s): %s journaled %d time(s) (%s), " +
                        "reported %d time(s)", member.name, order.orderId, clOrdIdsByOrder.getOrDefault(order.orderId,
                        Set.of("never reported")), order.describe(symbolById.get(order.instrumentId)), key, journaled,
                        order.journalPlace(key), reported));
                }
            }
        }
    }

    private static List<Integer> seqNumsOf(final Member member, final String clOrdId)
    {
        final List<Integer> seqNums = new ArrayList<>();
        member.clOrdIdBySeqNum.forEach((seqNum, id) ->
        {
            if (id.equals(clOrdId))
            {
                seqNums.add(seqNum);
            }
        });
        return seqNums;
    }
}
