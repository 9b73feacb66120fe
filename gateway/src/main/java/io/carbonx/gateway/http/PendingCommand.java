package io.carbonx.gateway.http;

import java.util.concurrent.CompletableFuture;

/**
 * A command the API published and waits for. It is answered once both have happened: the engine's own events for it
 * arrived (when it has any: every event carries its command's envelope, so only a command without events, such as a
 * snapshot request, has no engine answer to wait for), and the read replica applied it, so that a read sent after the
 * answer sees its effect.
 * <p>
 * Thread-safe: the engine's HTTP listener thread completes {@link #engineAnswered} and the read replica's thread
 * {@link #replicaApplied}, each through a future; the flag the replica's thread writes is volatile and written
 * before its future completes, so whoever composes the outcome reads it set.
 */
final class PendingCommand
{
    private final long correlationId;
    private final CompletableFuture<Long> engineAnswered = new CompletableFuture<>();
    private final CompletableFuture<AppliedCommand> replicaApplied = new CompletableFuture<>();
    private volatile boolean engineEventsExpected;

    PendingCommand(final long correlationId)
    {
        this.correlationId = correlationId;
    }

    long correlationId()
    {
        return correlationId;
    }

    void engineAnswered(final long sequence)
    {
        engineAnswered.complete(sequence);
    }

    void replicaApplied(final AppliedCommand applied, final boolean hasSourcedEvents)
    {
        engineEventsExpected = hasSourcedEvents;
        replicaApplied.complete(applied);
    }

    /**
     * @return completes with the outcome once the engine answered and the replica applied the command.
     */
    CompletableFuture<AppliedCommand> outcome()
    {
        return replicaApplied.thenCompose(applied -> engineEventsExpected ?
            engineAnswered.thenApply(sequence -> applied) : CompletableFuture.completedFuture(applied));
    }
}
