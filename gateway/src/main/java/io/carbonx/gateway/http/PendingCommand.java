package io.carbonx.gateway.http;

import java.util.concurrent.CompletableFuture;

/**
 * A command the API published and waits for. It is answered once both have happened: the engine's own events for it
 * arrived (for commands whose events carry the HTTP source; day closes and phase changes carry none), and the read
 * replica applied it, so that a read sent after the answer sees its effect.
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
