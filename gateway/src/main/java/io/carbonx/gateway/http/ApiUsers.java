package io.carbonx.gateway.http;

import io.carbonx.fix.PasswordHash;
import io.carbonx.protocol.InvalidFieldException;
import io.carbonx.protocol.UserIds;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The configured API users and their hashed tokens, and the verification of bearer tokens.
 * <p>
 * A token is {@code <user name>.<secret>}; the configuration holds the PBKDF2 hash of the secret. The name picks the
 * one hash to check, so an attempt costs at most one derivation, and a token naming no user costs none. Derivations
 * are deliberately slow, so they run on a small executor of their own, never on the workers that serve authenticated
 * requests, and at most {@link #MAX_VERIFICATIONS} are in progress or queued: beyond that a token that is not already
 * known is answered 503 at once. Tokens are remembered by their SHA-256 digest: verified ones (one per user and
 * secret, so few) until the server stops, failed ones in a bounded most-recent set, so repeating a wrong token costs
 * one digest. Concurrent attempts with the same unknown token share one derivation.
 * <p>
 * Thread-safe: any request thread may authenticate; derivations run on the {@code http-auth} threads.
 */
public final class ApiUsers implements AutoCloseable
{
    /**
     * Token verifications in progress or queued at once.
     */
    public static final int MAX_VERIFICATIONS = 4;
    private static final int VERIFIER_THREADS = 1;
    private static final int FAILED_REMEMBERED = 10_000;

    private record Entry(ApiUser user, PasswordHash tokenHash)
    {
    }

    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final Map<String, ApiUser> verified = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failed = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true)
    {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest)
        {
            return size() > FAILED_REMEMBERED;
        }
    });
    private final Map<String, CompletableFuture<ApiUser>> inProgress = new ConcurrentHashMap<>();
    private final Semaphore verifications = new Semaphore(MAX_VERIFICATIONS);
    private final AtomicLong derivations = new AtomicLong();
    private final ExecutorService verifier =
        Executors.newFixedThreadPool(VERIFIER_THREADS, new DefaultThreadFactory("http-auth", true));

    /**
     * One configured user: a name, the hash of its token's secret, a role, the accounts it acts for and its broker id.
     */
    public record Credential(String name, String tokenHash, String role, List<Long> accounts, int brokerId)
    {
    }

    /**
     * @throws InvalidFieldException naming {@code apiUsers[i].<field>} when a token hash cannot be read, or a name is
     * empty, repeated or holds a '.'.
     */
    public ApiUsers(final List<Credential> users)
    {
        for (int i = 0; i < users.size(); i++)
        {
            final Credential user = users.get(i);
            final PasswordHash hash;
            try
            {
                hash = PasswordHash.parse(user.tokenHash());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new InvalidFieldException("apiUsers[" + i + "].tokenHash: " + ex.getMessage());
            }
            if (user.name() == null || user.name().isEmpty() || user.name().indexOf('.') >= 0)
            {
                throw new InvalidFieldException("apiUsers[" + i + "].name: must be non-empty without '.', since a " +
                    "token is <name>.<secret>, was '" + user.name() + "'");
            }
            final Entry entry = new Entry(
                new ApiUser(user.name(), ApiRole.valueOf(user.role()), new LinkedHashSet<>(user.accounts()),
                    user.brokerId(), UserIds.apiUser(i)),
                hash);
            if (byName.put(user.name(), entry) != null)
            {
                throw new InvalidFieldException("apiUsers[" + i + "].name: '" + user.name() + "' is configured twice");
            }
        }
    }

    /**
     * @return the name of the configured user who sends commands as this user id (from {@link
     * io.carbonx.protocol.SourceIds#HTTP}), or null when none does.
     */
    public String nameOf(final long userId)
    {
        for (final Entry entry : byName.values())
        {
            if (entry.user().userId() == userId)
            {
                return entry.user().name();
            }
        }
        return null;
    }

    /**
     * @return completes with the user whose token this is, or null when it is not valid; fails with a 503
     * {@link ApiException} when too many verifications are in progress.
     */
    public CompletableFuture<ApiUser> authenticate(final String token)
    {
        if (token == null || token.isEmpty())
        {
            return CompletableFuture.completedFuture(null);
        }
        final String digest = digest(token);
        final ApiUser known = verified.get(digest);
        if (known != null)
        {
            return CompletableFuture.completedFuture(known);
        }
        final int dot = token.indexOf('.');
        final Entry entry = dot <= 0 ? null : byName.get(token.substring(0, dot));
        if (entry == null || dot == token.length() - 1 || failed.containsKey(digest))
        {
            return CompletableFuture.completedFuture(null);
        }
        final CompletableFuture<ApiUser> running = inProgress.get(digest);
        if (running != null)
        {
            return running;
        }
        if (!verifications.tryAcquire())
        {
            return CompletableFuture.failedFuture(
                new ApiException(503, "too many token verifications in progress; retry shortly"));
        }
        final CompletableFuture<ApiUser> verification = new CompletableFuture<>();
        final CompletableFuture<ApiUser> raced = inProgress.putIfAbsent(digest, verification);
        if (raced != null)
        {
            verifications.release();
            return raced;
        }
        try
        {
            verifier.execute(() -> verify(entry, token.substring(dot + 1), digest, verification));
        }
        catch (final RejectedExecutionException ex)
        {
            inProgress.remove(digest);
            verifications.release();
            return CompletableFuture.failedFuture(new ApiException(503, "the server is stopping"));
        }
        return verification;
    }

    /**
     * @return how many PBKDF2 derivations token checks have run, for tests and monitoring.
     */
    public long derivations()
    {
        return derivations.get();
    }

    @Override
    public void close()
    {
        verifier.shutdownNow();
    }

    private void verify(final Entry entry, final String secret, final String digest,
        final CompletableFuture<ApiUser> result)
    {
        try
        {
            derivations.incrementAndGet();
            final boolean matches = entry.tokenHash().matches(secret.toCharArray());
            if (matches)
            {
                verified.put(digest, entry.user());
            }
            else
            {
                failed.put(digest, Boolean.TRUE);
            }
            result.complete(matches ? entry.user() : null);
        }
        catch (final RuntimeException ex)
        {
            result.completeExceptionally(ex);
        }
        finally
        {
            inProgress.remove(digest);
            verifications.release();
        }
    }

    private static String digest(final String token)
    {
        try
        {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
