package io.carbonx.fix.session;

/**
 * Limits password checks for one session: one check at a time, and after {@link #FREE_FAILURES} wrong
 * passwords in a row, a lockout during which Logons are refused without a check: the backoff, doubled
 * for each further failure up to 64 times. PBKDF2 is slow on purpose, so without this a stream of wrong
 * Logons queues checks ahead of the member's correct one and burns the CPU other sessions need.
 *
 * <p>Confined to the acceptor's event loop (the one that runs every session), so it needs no locks.
 */
public final class LogonThrottle
{
    /** Wrong passwords in a row before the lockout starts: a member mistyping is not locked out at once. */
    public static final int FREE_FAILURES = 3;
    private static final int MAX_DOUBLINGS = 6;

    private final long backoffNanos;
    private int failures;
    private long lockedUntilNanos;
    private boolean checking;
    private long checks;

    public LogonThrottle(final long backoffNanos)
    {
        this.backoffNanos = backoffNanos;
    }

    /** Null if a password check may start now; otherwise the Text to refuse the Logon with, unchecked. */
    public String refusal(final long nowNanos)
    {
        if (checking)
        {
            return "Logon rejected: another Logon for this session is being checked";
        }
        if (failures >= FREE_FAILURES && nowNanos - lockedUntilNanos < 0)
        {
            return "Logon rejected: too many failed logons, retry later";
        }
        return null;
    }

    public void onCheckStarted()
    {
        checking = true;
        checks++;
    }

    public void onChecked(final boolean matched, final long nowNanos)
    {
        checking = false;
        if (matched)
        {
            failures = 0;
            return;
        }
        failures = failures == Integer.MAX_VALUE ? failures : failures + 1;
        if (failures >= FREE_FAILURES)
        {
            lockedUntilNanos = nowNanos + (backoffNanos << Math.min(failures - FREE_FAILURES, MAX_DOUBLINGS));
        }
    }

    /** Password checks started so far, for monitoring and tests. */
    public long checks()
    {
        return checks;
    }
}
