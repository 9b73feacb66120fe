package io.carbonx.gateway.http;

import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.server.config.ConfigLoader;
import io.carbonx.server.config.EngineSetup;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ?after=} waits as a completion, not a blocked thread: the replica completes it on its own thread when it
 * applies the sequence, and reports where the journal ends so that an unreachable sequence can be refused.
 */
class ReadReplicaAfterTest
{
    @TempDir
    Path folder;

    @Test
    void aWaitForASequenceCompletesWhenTheReplicaAppliesIt() throws Exception
    {
        final ExchangeSettings settings = new EngineSetup(ConfigLoader.loadDefault()).settings();
        final EngineSettings engineSettings = EngineSettings.builder()
            .journalDirectory(folder.resolve("journal"))
            .snapshotDirectory(folder.resolve("snapshots"))
            .build();
        try (ReadReplica replica = new ReadReplica(settings, engineSettings, new PendingCommands()))
        {
            replica.recover();
            replica.start();
            assertEquals(-1, replica.journalEnd());
            final CompletableFuture<Void> second = replica.whenApplied(1);
            final CompletableFuture<Void> far = replica.whenApplied(1_000);
            assertFalse(second.isDone());

            try (EnginePipeline engine =
                new EnginePipeline(engineSettings, new ExchangeStateMachine(settings), List.of()))
            {
                engine.start();
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
                final CommandWriter writer = new CommandWriter();
                for (int day = 1; day <= 2; day++)
                {
                    writer.envelope(System.currentTimeMillis() * 1_000_000L, 9, day);
                    engine.publish(buffer, 0, writer.endOfTradingDay(buffer, 0, 20261100 + day));
                }
                second.get(30, TimeUnit.SECONDS);
                assertTrue(replica.appliedSequence() >= 1);
                assertEquals(1, replica.journalEnd());
                assertFalse(far.isDone(), "a sequence the journal does not hold is never reached");
                assertTrue(replica.whenApplied(0).isDone(), "a sequence already applied completes at once");
            }
        }
    }
}
