package io.carbonx.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demonstration command runs a whole year against the real server and writes its reports.
 */
class DemoComplianceYearTest
{
    @Test
    void runsAWholeYearAndWritesTheReports(@TempDir final Path folder) throws Exception
    {
        final Path data = folder.resolve("demo");
        final Path out = folder.resolve("reports");
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final int exit = new CommandLine(new DemoComplianceYear(new PrintStream(printed, true, StandardCharsets.UTF_8)))
            .execute("--data", data.toString(), "--out", out.toString(), "--deadline-seconds", "15");
        final String console = printed.toString(StandardCharsets.UTF_8);

        assertEquals(0, exit, console);
        assertTrue(console.contains("Reports written to " + out.toAbsolutePath()), console);
        assertTrue(console.contains("OFFSET_CAP_EXCEEDED"), console);
        assertTrue(console.contains("  COMPLETE 1 LATE 1 INCOMPLETE 1  "),
            "the printed TOTAL row's status counts stand apart from the columns beside them: " + console);

        final List<String> compliance = Files.readAllLines(out.resolve("compliance-2025.csv"));
        assertEquals(5, compliance.size(), "heading, three enterprises, total: " + compliance);
        assertTrue(compliance.get(1).startsWith(
            "2025,1001,Huaneng Power (demo),CNY,350000,0,350000,332500,17500,0,0,COMPLETE,1,0.00,,"),
            compliance.get(1));
        assertTrue(compliance.get(2).startsWith(
            "2025,1002,Baosteel (demo),CNY,140000,0,140000,140000,0,30000,0,LATE,2,0.00,,"),
            compliance.get(2));
        assertTrue(compliance.get(3).startsWith(
            "2025,1003,Datang Cement (demo),CNY,80000,0,80000,40000,0,0,40000,INCOMPLETE,3,"),
            compliance.get(3));
        assertTrue(Files.exists(out.resolve("compliance-2025.json")));
        try (var files = Files.list(out))
        {
            final List<String> names = files.map(file -> file.getFileName().toString()).sorted().toList();
            assertEquals(14, names.size(), names.toString());
            for (final String name : names)
            {
                if (name.startsWith("settlement-") && name.endsWith(".csv"))
                {
                    assertFalse(Files.readString(out.resolve(name)).contains("MISMATCH"), name);
                }
            }
        }
    }
}
