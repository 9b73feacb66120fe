package io.carbonx.gateway.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access log writes one line per request, seven blank-separated fields, whatever the client sent, and appends
 * across restarts.
 */
class AccessLogTest
{
    @TempDir
    Path folder;

    @Test
    void eachRequestIsOneLineOfSevenFields() throws Exception
    {
        final Path file = folder.resolve("access.log");
        try (AccessLog log = AccessLog.open(file))
        {
            log.record("127.0.0.1:5000", "mee", "POST", "/commands/issue-units", 200, System.nanoTime());
            log.record("127.0.0.1:5001", null, "GET", "/accounts/1001\r\n2026-01-01T00:00:00Z forged 200", 401,
                System.nanoTime());
            log.record(null, null, null, null, 400, System.nanoTime());
        }
        final List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size(), lines.toString());
        for (final String line : lines)
        {
            final String[] fields = line.split(" ");
            assertEquals(7, fields.length, line);
            Instant.parse(fields[0]);
            assertTrue(fields[6].matches("[0-9]+ms"), line);
        }
        assertTrue(lines.get(0).endsWith(" 127.0.0.1:5000 mee POST /commands/issue-units 200 " +
            lines.get(0).split(" ")[6]), lines.get(0));
        assertEquals("/accounts/1001??2026-01-01T00:00:00Z?forged?200", lines.get(1).split(" ")[4],
            "a client cannot break the line or its fields");
        assertEquals("-", lines.get(1).split(" ")[2], "no user authenticated");
        assertTrue(lines.get(2).contains(" - - - - 400 "), lines.get(2));

        try (AccessLog again = AccessLog.open(file))
        {
            again.record("127.0.0.1:5002", "citic", "GET", "/trades", 403, System.nanoTime());
        }
        assertEquals(4, Files.readAllLines(file).size(), "a restart appends");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void noneRecordsNothing()
    {
        AccessLog.NONE.record("127.0.0.1:1", "mee", "GET", "/", 200, System.nanoTime());
        assertNull(AccessLog.NONE.file());
        AccessLog.NONE.close();
    }

    @Test
    void aLongFieldIsCut()
    {
        assertEquals(512, AccessLog.token("x".repeat(10_000)).length());
        assertEquals("-", AccessLog.token(""));
    }
}
