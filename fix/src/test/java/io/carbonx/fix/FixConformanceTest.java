package io.carbonx.fix;

import io.carbonx.fix.session.FixAcceptor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the QuickFIX FIX 4.4 session-layer acceptance scripts listed in
 * {@code shared/conformance/required.txt} against the acceptor in this JVM, through the project's
 * independent replayer {@code defrun.py}. Takes about a minute: two scripts wait on heartbeat timers.
 * <p>
 * The scripts live beside the repository, not in it: where they are (CI has them) the suite runs and must pass; in a
 * clone alone it is skipped, saying so on standard error and in the test report.
 */
class FixConformanceTest
{
    private static final int REQUIRED_SCRIPTS = 49;

    @TempDir
    Path store;

    @Test
    void passesEveryRequiredScript() throws Exception
    {
        final Optional<Path> found = locateConformance();
        if (found.isEmpty())
        {
            final String reason = "FIX conformance suite SKIPPED: shared/conformance (defrun.py, required.txt, fix44/) "
                    + "is not in " + Path.of("").toAbsolutePath() + " or any parent folder; put QuickFIX's scripts "
                    + "there (beside the repository) to run it";
            System.err.println("[WARNING] " + reason);
            assumeTrue(false, reason);
        }
        final Path conformance = found.get();
        final List<String> command = new ArrayList<>(List.of("python3", conformance.resolve("defrun.py").toString()));
        final List<String> scripts = Files.readAllLines(conformance.resolve("required.txt")).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        assertTrue(scripts.size() == REQUIRED_SCRIPTS, "required.txt lists " + scripts.size() + " scripts");

        try (FixAcceptor acceptor = ConformanceAcceptor.start(0, store))
        {
            command.add("127.0.0.1");
            command.add(Integer.toString(acceptor.port()));
            scripts.forEach(s -> command.add(conformance.resolve("fix44").resolve(s + ".def").toString()));
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final StringBuilder output = new StringBuilder();
            try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                for (String line; (line = reader.readLine()) != null; )
                {
                    System.out.println(line);
                    output.append(line).append('\n');
                }
            }
            if (!process.waitFor(5, TimeUnit.MINUTES))
            {
                process.destroyForcibly();
                fail("defrun.py did not finish:\n" + output);
            }
            assertTrue(output.toString().contains("failures: 0 of " + REQUIRED_SCRIPTS), output.toString());
        }
    }

    /** shared/conformance beside the repository (a clone's parent folder holds shared/), found by walking up. */
    private static Optional<Path> locateConformance()
    {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("shared").resolve("conformance");
            if (Files.isRegularFile(candidate.resolve("defrun.py")) &&
                Files.isRegularFile(candidate.resolve("required.txt")))
            {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
