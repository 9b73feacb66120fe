package io.carbonx.server;

import io.carbonx.server.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code carbonx-server} as an operator runs it, in a child JVM: the ready line, the demo mode warning and refusal,
 * a clean stop on SIGTERM and Ctrl-C with exit status 0, and {@code --version}.
 */
class CarbonxServerProcessTest
{
    private static final List<String> DEMO_CREDENTIALS = List.of(
        "FIX session BROKER1 -> CARBONX (sessions[0]): no passwordHash",
        "FIX session FOREST -> CARBONX (sessions[1]): no passwordHash",
        "FIX session CITIC -> CARBONX (sessions[2]): no passwordHash",
        "FIX session TW -> ISLD (sessions[3]): no passwordHash",
        "FIX drop-copy session MEE-DC -> CARBONX (dropCopy[0]): no passwordHash",
        "HTTP API user mee (apiUsers[0], REGULATOR): tokenHash verifies the published demo secret " +
        "'regulator-demo-token' (token 'mee.regulator-demo-token')",
        "HTTP API user huaneng (apiUsers[1], ENTERPRISE): tokenHash verifies the published demo secret " +
        "'huaneng-demo-token' (token 'huaneng.huaneng-demo-token')",
        "HTTP API user citic (apiUsers[2], ENTERPRISE): tokenHash verifies the published demo secret " +
        "'citic-demo-token' (token 'citic.citic-demo-token')",
        "HTTP API user broker1 (apiUsers[3], BROKER): tokenHash verifies the published demo secret " +
        "'broker1-demo-token' (token 'broker1.broker1-demo-token')");

    @TempDir
    Path folder;

    private final List<ServerProcess> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers()
    {
        processes.forEach(ServerProcess::close);
    }

    @Test
    void theEmbeddedDemoStartsWithAWarningAndStopsOnSigtermWithStatusZero() throws Exception
    {
        final ServerProcess server = start("--fix-port", "0", "--http-port", "0");

        final String ready = server.awaitOut("carbonx-server: ready.");

        final Path data = folder.resolve("data").toAbsolutePath().normalize();
        assertTrue(Pattern.matches("carbonx-server: ready\\. FIX 4\\.4 on port \\d+; HTTP API on port \\d+; " +
            "listening on 127\\.0\\.0\\.1; new exchange; data folder " + Pattern.quote(data.toString()) +
            "; Ctrl-C to stop", ready), ready);
        server.awaitErr("carbonx-server: WARNING: DEMO MODE.");
        for (final String credential : DEMO_CREDENTIALS)
        {
            server.awaitErr("carbonx-server: WARNING:   " + credential);
        }

        assertEquals(0, server.terminate(), "exit status after SIGTERM\n" + server.err());
        final List<String> out = server.out().lines();
        assertTrue(out.contains("carbonx-server: stopping: logging out FIX sessions and flushing the journal"),
            out.toString());
        assertEquals("carbonx-server: stopped", out.get(out.size() - 1), out.toString());
    }

    @Test
    void aCopyOfTheTemplateIsRefusedNamingEachDemoCredential() throws Exception
    {
        final Path config = templateCopy();

        final ServerProcess server = start("--config", config.toString(), "--data", "copy-data",
            "--fix-port", "0", "--http-port", "0");

        assertEquals(2, server.awaitExit(), server.err().toString());
        final String stderr = server.err().toString();
        assertTrue(stderr.contains(
            "carbonx-server: bad configuration: published demo credentials are refused outside demo mode:"), stderr);
        for (final String credential : DEMO_CREDENTIALS)
        {
            assertTrue(stderr.contains("  " + credential), credential + " not named:\n" + stderr);
        }
        assertTrue(stderr.contains("or set server.demo: true (or --demo)"), stderr);
        assertFalse(Files.exists(folder.resolve("copy-data")), "a refused start created its data folder");
        assertTrue(server.out().lines().stream().noneMatch(line -> line.contains("ready")), server.out().toString());
    }

    @Test
    void aCopyOfTheTemplateStartsInDemoModeWhenAskedRecoversAndStopsOnCtrlCWithStatusZero() throws Exception
    {
        final ServerProcess first = start("--fix-port", "0", "--http-port", "0");
        first.awaitOut("carbonx-server: ready.");
        assertEquals(0, first.terminate(), first.err().toString());

        final ServerProcess second = start("--config", templateCopy().toString(), "--demo", "--bind", "0.0.0.0",
            "--fix-port", "0", "--http-port", "0");
        final String ready = second.awaitOut("carbonx-server: ready.");

        final Matcher recovered =
            Pattern.compile("; listening on every interface; recovered to command (\\d+); data folder " +
            Pattern.quote(folder.resolve("data").toAbsolutePath().normalize().toString()) + ";").matcher(ready);
        assertTrue(recovered.find(), ready);
        assertTrue(Long.parseLong(recovered.group(1)) > 0, "genesis was journaled: " + ready);
        second.awaitErr("carbonx-server: WARNING:   " + DEMO_CREDENTIALS.get(4));

        assertEquals(0, second.interrupt(), "exit status after SIGINT\n" + second.err());
        assertTrue(second.out().lines().contains("carbonx-server: stopped"), second.out().toString());
    }

    @Test
    void versionIsPrinted() throws Exception
    {
        final ServerProcess server = start("--version");

        assertEquals(0, server.awaitExit(), server.err().toString());
        assertEquals(List.of("carbonx-server " + projectVersion()), server.out().lines());
        assertTrue(Pattern.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?", projectVersion()), projectVersion());
    }

    /**
     * The version Maven wrote into the resource, which must be filled in.
     */
    private static String projectVersion() throws IOException
    {
        try (InputStream in = CarbonxServer.class.getResourceAsStream(CarbonxServer.Version.RESOURCE))
        {
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }

    private Path templateCopy() throws IOException
    {
        final Path copy = folder.resolve("exchange.yaml");
        try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE))
        {
            Files.write(copy, in.readAllBytes());
        }
        return copy;
    }

    private ServerProcess start(final String... args) throws IOException
    {
        final ServerProcess process = ServerProcess.start(folder, args);
        processes.add(process);
        return process;
    }
}
