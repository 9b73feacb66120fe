package io.carbonx.server;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The one wait for time itself in the server's end-to-end tests.
 * <p>
 * The engine's clock is the time its commands carry, and the gateways stamp each command they publish with the wall
 * clock ({@code System.currentTimeMillis()}); the server has no clock a test could move. So a test that needs a command
 * stamped after a deadline (a late surrender, a GTD order's expiry time passed by the next command) has to let the
 * wall clock pass the deadline. This polls that clock, the condition the gateways' stamping depends on, rather than
 * sleeping for a guessed margin. The rules themselves are tested with commands that carry their time, without waiting
 * (ComplianceDeskTest in clearing, ComplianceScenarioTest and the GTD tests in matching-engine).
 */
final class WallClock
{
    private WallClock()
    {
    }

    /**
     * Returns once a command stamped by a gateway now would be strictly after {@code instant}.
     */
    static void awaitPassed(final Instant instant)
    {
        final long instantNanos = TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
        final Duration ahead = Duration.between(Instant.now(), instant);
        await("the wall clock passes " + instant)
            .atMost((ahead.isNegative() ? Duration.ZERO : ahead).plusSeconds(10))
            .pollInterval(Duration.ofMillis(10))
            .until(() -> System.currentTimeMillis() * 1_000_000L > instantNanos);
    }
}
