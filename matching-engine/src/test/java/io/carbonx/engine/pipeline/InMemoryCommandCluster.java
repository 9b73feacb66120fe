package io.carbonx.engine.pipeline;

import io.carbonx.engine.sequencer.CommandLog;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A single-threaded stand-in for a replicated log, for testing the engine's log mode: one ordered list of committed
 * commands shared by every gateway. A gateway opens a {@link Session} (a {@link CommandLog}) after the sequence its
 * journal ends at; commands it offers wait in the session and are committed a few per poll, so they come back late
 * and in batches of varying size, interleaved with whatever another gateway appended meanwhile
 * ({@link #appendFromAnotherGateway}). Faults are scripted per session: refused offers (back pressure), and a
 * delivered sequence that is off by some amount (a gap or a step back, which a real log never delivers), and polls
 * that throw.
 * Thread-safe: the cluster is locked; a session is used by its engine's business-logic thread, and its switches are
 * volatile for the test thread.
 */
final class InMemoryCommandCluster
{
    private final List<byte[]> committed = new ArrayList<>();

    /**
     * Append a command as if another gateway's offer had just been committed.
     */
    synchronized void appendFromAnotherGateway(final byte[] command)
    {
        committed.add(command.clone());
    }

    synchronized List<byte[]> committed()
    {
        return new ArrayList<>(committed);
    }

    synchronized int size()
    {
        return committed.size();
    }

    private synchronized long commit(final byte[] command)
    {
        committed.add(command);
        return committed.size() - 1;
    }

    private synchronized byte[] get(final long sequence)
    {
        return sequence < committed.size() ? committed.get((int)sequence) : null;
    }

    /**
     * Open a gateway's session.
     *
     * @param fromSequence the last sequence the gateway already holds: delivery starts after it.
     */
    Session open(final long fromSequence, final int commitsPerPoll)
    {
        return new Session(fromSequence, commitsPerPoll);
    }

    /**
     * One gateway's view of the log.
     */
    final class Session implements CommandLog
    {
        private final ArrayDeque<byte[]> offered = new ArrayDeque<>();
        private final UnsafeBuffer delivery = new UnsafeBuffer(0, 0);
        private final int commitsPerPoll;
        private final long committedAtOpen;
        private long delivered;
        private volatile boolean refuseOffers;
        private volatile long faultAtSequence = Long.MIN_VALUE;
        private volatile long faultOffset;
        private volatile int offersRefused;
        private volatile boolean closed;
        private volatile RuntimeException pollFault;
        private volatile boolean holdCommits;
        private volatile int offersTaken;
        private final Set<Long> ownCommitted = new HashSet<>();
        private int unconfirmed;

        private Session(final long fromSequence, final int commitsPerPoll)
        {
            this.delivered = fromSequence - 1;
            this.commitsPerPoll = commitsPerPoll;
            this.committedAtOpen = size() - 1;
        }

        /**
         * Refuse every offer while set, as a log with no leader or a full ingress does.
         */
        void refuseOffers(final boolean refuse)
        {
            refuseOffers = refuse;
        }

        /**
         * Deliver the command of one sequence labelled with that sequence plus an offset: 1 is a gap, -1 a repeat.
         */
        void breakSequenceAt(final long sequence, final long offset)
        {
            faultOffset = offset;
            faultAtSequence = sequence;
        }

        /**
         * Throw this from every poll from now on, as a log that lost its connection for good might.
         */
        void failPolls(final RuntimeException fault)
        {
            pollFault = fault;
        }

        /**
         * Take offers but commit none of them while set, as a cluster without a quorum does.
         */
        void holdCommits(final boolean hold)
        {
            holdCommits = hold;
        }

        int offersTaken()
        {
            return offersTaken;
        }

        int offersRefused()
        {
            return offersRefused;
        }

        boolean isClosed()
        {
            return closed;
        }

        @Override
        public boolean offer(final DirectBuffer buffer, final int offset, final int length)
        {
            if (refuseOffers)
            {
                offersRefused++;
                return false;
            }
            final byte[] command = new byte[length];
            buffer.getBytes(offset, command);
            offered.add(command);
            offersTaken++;
            unconfirmed++;
            return true;
        }

        @Override
        public int poll(final CommittedCommandHandler handler, final int limit)
        {
            final RuntimeException fault = pollFault;
            if (fault != null)
            {
                throw fault;
            }
            for (int i = 0; i < commitsPerPoll && !holdCommits && !offered.isEmpty(); i++)
            {
                ownCommitted.add(commit(offered.poll()));
            }

            int count = 0;
            while (count < limit)
            {
                final long sequence = delivered + 1;
                final byte[] command = get(sequence);
                if (command == null)
                {
                    break;
                }
                delivery.wrap(command);
                final long label = sequence == faultAtSequence ? sequence + faultOffset : sequence;
                handler.onCommitted(label, delivery, 0, command.length);
                delivered = sequence;
                if (ownCommitted.remove(sequence))
                {
                    unconfirmed--;
                }
                count++;
            }
            return count;
        }

        @Override
        public int unconfirmedCommands()
        {
            return unconfirmed;
        }

        @Override
        public boolean caughtUp()
        {
            return delivered >= committedAtOpen;
        }

        @Override
        public long committedAtOpen()
        {
            return committedAtOpen;
        }

        @Override
        public void close()
        {
            closed = true;
        }

        @Override
        public String toString()
        {
            return "InMemoryCommandCluster.Session{committedAtOpen=" + committedAtOpen + '}';
        }
    }
}
