package io.carbonx.server.crash;

import io.carbonx.server.config.ExchangeConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the kill-under-load tests share: the run's seed, the demo's symbols, problems keyed by their text and kept
 * under the kill after which each was first seen, a log kept beside the test reports, free ports. Stateless; the test
 * thread's.
 */
final class KillRounds
{
    private KillRounds()
    {
    }

    /**
     * The run's seed: the system property's when given (to repeat a run), else a fresh one, printed with how to repeat
     * it.
     */
    static long seed(final String test, final String property, final String run)
    {
        final long seed = Long.getLong(property, new SecureRandom().nextLong());
        System.out.println(test + ": seed " + seed + " (-D" + property + "=" + seed + "), " + run);
        return seed;
    }

    /**
     * @return the configuration's instrument symbols by id, as the reconciliation and the journal checks name them.
     */
    static Map<Integer, String> symbolById(final ExchangeConfig config)
    {
        final Map<Integer, String> symbolById = new TreeMap<>();
        config.instruments().forEach(instrument -> symbolById.put(instrument.id(), instrument.symbol()));
        return symbolById;
    }

    static Map<String, String> keyed(final List<String> problems)
    {
        final Map<String, String> keyed = new TreeMap<>();
        problems.forEach(problem -> keyed.put(problem, problem));
        return keyed;
    }

    /**
     * Keep the problems not seen after an earlier kill, under this one.
     *
     * @return how many were new.
     */
    static int record(
        final Map<String, List<String>> problemsByRound, final Set<String> known, final String round,
        final Map<String, String> problems)
    {
        final List<String> fresh = new ArrayList<>();
        problems.forEach((key, text) ->
        {
            if (known.add(key))
            {
                fresh.add(text);
            }
        });
        problemsByRound.put(round, fresh);
        return fresh.size();
    }

    /**
     * @return where a log stays after the temporary folder is gone: beside the test reports, as {@code name}, when the
     *     test runs in a module folder with a {@code target}.
     */
    static Path keep(final Path log, final String name) throws IOException
    {
        final Path target = Path.of("target");
        if (!Files.isDirectory(target))
        {
            return log;
        }
        return Files.copy(log, target.resolve(name), StandardCopyOption.REPLACE_EXISTING).toAbsolutePath();
    }

    static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
