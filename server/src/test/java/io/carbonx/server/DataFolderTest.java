package io.carbonx.server;

import io.carbonx.engine.journal.JournalDamage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import quickfix.Message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.carbonx.server.TestExchange.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A damaged, shortened or shared data folder never starts a new exchange: the real server is started on real folders
 * whose journal was cut short, deleted or had a byte flipped, and must refuse with a message that says what is wrong,
 * without running genesis.
 */
class DataFolderTest
{
    @TempDir
    Path folder;

    private Path data()
    {
        return folder.resolve("data");
    }

    /**
     * Run an exchange on the folder with one trade on top of genesis, and stop it cleanly.
     *
     * @return the sequence of the journal's last command.
     */
    private long runExchangeWithATrade() throws Exception
    {
        try (TestExchange exchange = TestExchange.fix(folder))
        {
            final FixClient broker = exchange.connect("BROKER1");
            final FixClient citic = exchange.connect("CITIC");
            broker.send(TestExchange.limitOrder("S-1", "1001", "CEA-2025", '2', 100, "92.00", '1'));
            assertEquals('0', report(broker).getChar(150));
            citic.send(TestExchange.limitOrder("B-1", "3001", "CEA-2025", '1', 60, "92.50", '1'));
            assertEquals('0', report(citic).getChar(150));
            assertEquals('F', report(citic).getChar(150), "the orders trade");
        }
        final long end = JournalFiles.lastSequence(data());
        assertTrue(end > 10, "genesis and the orders are journaled: " + end);
        return end;
    }

    /**
     * CITIC places an order that rests (nothing trades with it), so that the journal has more than genesis.
     */
    private static void assertRestingOrderAccepted(final TestExchange exchange, final String what) throws Exception
    {
        final FixClient citic = exchange.connect("CITIC");
        citic.send(TestExchange.limitOrder("B-1", "3001", "CEA-2025", '1', 10, "92.00", '1'));
        assertEquals('0', report(citic).getChar(150), what);
    }

    private static Message report(final FixClient client) throws Exception
    {
        final Message report = client.next("8", WAIT);
        assertNotNull(report, "no ExecutionReport");
        return report;
    }

    /**
     * Start on the damaged folder, expecting a refusal, and check that nothing was added to the journal.
     */
    private ServerStartException assertRefused(final String... expectedInMessage) throws IOException
    {
        final String markBefore = Files.readString(data().resolve(JournalMark.FILE));
        final ServerStartException refused = assertThrows(ServerStartException.class,
            () -> TestExchange.fix(folder).close(), "a damaged journal must not start an exchange");
        for (final String expected : expectedInMessage)
        {
            assertTrue(refused.getMessage().contains(expected), "'" + expected + "' in: " + refused.getMessage());
        }
        assertEquals(markBefore, Files.readString(data().resolve(JournalMark.FILE)), "the mark is left as it was");
        return refused;
    }

    /**
     * @param cut where the cycle file is cut, from the start of a record's body: before its header (the journal then
     *            simply ends early) or inside the record.
     */
    @ParameterizedTest(name = "cut at {0} from a record")
    @ValueSource(ints = {-4, 5})
    void aTruncatedJournalIsRefusedWithoutGenesis(final int cut) throws Exception
    {
        final long end = runExchangeWithATrade();
        final JournalDamage.Location middle = JournalFiles.locate(data(), end / 2);
        final long cutAt = middle.bodyOffset() + cut;
        JournalFiles.truncate(middle.file(), cutAt);

        assertRefused("cannot recover the engine from " + data(), "journal " + JournalFiles.journal(data()));
        assertTrue(JournalFiles.zeroFrom(middle.file(), cutAt, 1 << 16),
            "nothing was written after the cut: no genesis or any other command was journaled");
    }

    @Test
    void aDeletedJournalIsRefusedWithoutGenesis() throws Exception
    {
        final long end = runExchangeWithATrade();
        for (final Path cycleFile : JournalFiles.cycleFiles(data()))
        {
            Files.delete(cycleFile);
        }

        assertRefused("the journal " + JournalFiles.journal(data()) + " ends at sequence -1",
            "had journaled up to sequence " + end, "missing or truncated");
        assertEquals(List.of(), JournalFiles.cycleFiles(data()), "genesis did not run");
    }

    @Test
    void aDeletedJournalFolderAndMarkAreRefusedBecauseTheFixStoresHaveContent() throws Exception
    {
        runExchangeWithATrade();
        deleteTree(JournalFiles.journal(data()));
        Files.delete(data().resolve(JournalMark.FILE));

        final ServerStartException refused = assertThrows(ServerStartException.class,
            () -> TestExchange.fix(folder).close());
        assertTrue(refused.getMessage().contains("empty or missing") &&
            refused.getMessage().contains(data().resolve("fix").toString()), refused.getMessage());
        assertEquals(List.of(), JournalFiles.cycleFiles(data()), "genesis did not run");
    }

    @Test
    void aJournalWithoutItsMarkIsRefused() throws Exception
    {
        final long end = runExchangeWithATrade();
        Files.delete(data().resolve(JournalMark.FILE));

        final ServerStartException refused = assertThrows(ServerStartException.class,
            () -> TestExchange.fix(folder).close());
        assertTrue(refused.getMessage().contains("has no " + JournalMark.FILE), refused.getMessage());
        assertEquals(end, JournalFiles.lastSequence(data()));
    }

    @ParameterizedTest(name = "byte {0} of the record")
    @ValueSource(ints = {0, 9, 13, JournalDamage.COMMAND_OFFSET, JournalDamage.COMMAND_OFFSET + 7})
    void aByteFlippedInARecordIsRefused(final int byteInRecord) throws Exception
    {
        final long end = runExchangeWithATrade();
        final long damaged = end / 2;
        final JournalDamage.Location record = JournalFiles.locate(data(), damaged);
        JournalDamage.flipByte(record.file(), record.bodyOffset() + byteInRecord);

        assertRefused("cannot recover the engine", JournalFiles.journal(data()).toString(),
            "after sequence " + (damaged - 1));
    }

    /**
     * A flipped byte in Chronicle's 4-byte header of a document (a batch): in its length (byte 0, 1) the documents no
     * longer line up; in its flags (byte 3) the document reads as one still being written, so the journal seems to end
     * before it. On the last document that shortens the journal by one batch without any other sign: only the mark
     * shows it.
     */
    @ParameterizedTest(name = "byte {1} of the header of the {0} record")
    @CsvSource({"middle, 0", "middle, 1", "middle, 3", "last, 0", "last, 3"})
    void aByteFlippedInChroniclesFramingIsRefused(final String which, final int byteInHeader) throws Exception
    {
        final long end = runExchangeWithATrade();
        final JournalDamage.Location record = JournalFiles.locate(data(), "last".equals(which) ? end : end / 2);
        JournalDamage.flipByte(record.file(), record.documentOffset() - 4 + byteInHeader);

        assertRefused(data().toString(), "journal");
    }

    @Test
    void aSecondServerOnTheSameFolderIsRefused() throws Exception
    {
        try (TestExchange first = TestExchange.fix(folder))
        {
            final ServerStartException refused = assertThrows(ServerStartException.class,
                () -> TestExchange.fix(folder).close());
            assertTrue(refused.getMessage().contains(data().toAbsolutePath().toString()) &&
                refused.getMessage().contains("in use by another server") &&
                refused.getMessage().contains("pid " + ProcessHandle.current().pid()), refused.getMessage());

            assertRestingOrderAccepted(first, "the first server still runs");
        }
        final long end = JournalFiles.lastSequence(data());
        try (TestExchange second = TestExchange.fix(folder))
        {
            assertEquals(end, second.server().recovery().lastSequence(), "the folder is free once the first stops");
        }
    }

    @Test
    void aFolderLockedByAnotherProcessIsRefused() throws Exception
    {
        runExchangeWithATrade();
        final long end = JournalFiles.lastSequence(data());
        final Process holder = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), data().toString())
            .redirectErrorStream(true).start();
        try
        {
            final String said = new java.io.BufferedReader(new java.io.InputStreamReader(
                holder.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("locked", said, "the child process holds the folder's lock");

            final ServerStartException refused = assertThrows(ServerStartException.class,
                () -> TestExchange.fix(folder).close());
            assertTrue(refused.getMessage().contains(data().toAbsolutePath() + " is in use by another server") &&
                refused.getMessage().contains("(pid " + holder.pid() + ")"), refused.getMessage());
            assertEquals(end, JournalFiles.lastSequence(data()), "the refused server wrote nothing to the journal");
        }
        finally
        {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(60, java.util.concurrent.TimeUnit.SECONDS),
                "the holder ends once its input closes");
        }
        try (TestExchange exchange = TestExchange.fix(folder))
        {
            assertEquals(end, exchange.server().recovery().lastSequence(), "the folder is free once the holder ends");
        }
    }

    @Test
    void genesisRunsOnANewFolderOnly() throws Exception
    {
        final long genesisEnd;
        try (TestExchange exchange = TestExchange.fix(folder))
        {
            assertEquals(-1, exchange.server().recovery().lastSequence());
        }
        genesisEnd = JournalFiles.lastSequence(data());
        assertTrue(genesisEnd > 0);
        assertEquals(genesisEnd, markOf(data()), "a clean stop records the journal's end");

        try (TestExchange exchange = TestExchange.fix(folder))
        {
            assertEquals(genesisEnd, exchange.server().recovery().lastSequence());
        }
        assertEquals(genesisEnd, JournalFiles.lastSequence(data()), "a restart does not run genesis again");
    }

    @Test
    void theMarkFollowsTheJournalWhileTheServerRuns() throws Exception
    {
        try (TestExchange exchange = TestExchange.fix(folder))
        {
            assertRestingOrderAccepted(exchange, "a resting order");
            final long journaled = JournalFiles.lastSequence(data());
            await("the mark reaches " + journaled).atMost(Duration.ofSeconds(20))
                .until(() -> markOf(data()), mark -> mark >= journaled);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"data", "data/journal", "data/snapshots", "data/fix"})
    void aFolderTheServerCannotWriteIsRefused(final String readOnly) throws Exception
    {
        try (TestExchange exchange = TestExchange.fix(folder))
        {
            assertTrue(exchange.server().fixPort() > 0);
        }
        final Path target = folder.resolve(readOnly).toAbsolutePath();
        assumeImmutableFoldersWork();
        chattr("+i", target);
        try
        {
            final ServerStartException refused = assertThrows(ServerStartException.class,
                () -> TestExchange.fix(folder).close());
            assertTrue(refused.getMessage().contains("the folder " + target + " is not writable"),
                refused.getMessage());
        }
        finally
        {
            chattr("-i", target);
        }
    }

    @Test
    void theDataFolderIsOwnerOnly() throws Exception
    {
        try (TestExchange exchange = TestExchange.fix(folder))
        {
            assertRestingOrderAccepted(exchange, "a resting order");
            for (final String sub : List.of("", "journal", "snapshots", "fix"))
            {
                assertEquals("rwx------", permissions(data().resolve(sub)), "folder '" + sub + "'");
            }
            assertEquals("rw-------", permissions(data().resolve(DataFolder.LOCK)));
            assertEquals("rw-------", permissions(data().resolve(JournalMark.FILE)));
        }

        // A folder opened up by hand, or written by an older version, is tightened at the next start.
        Files.setPosixFilePermissions(data(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data().resolve("fix"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(data().resolve("fix").resolve(ExchangeServer.ORDER_LOG),
            PosixFilePermissions.fromString("rw-r--r--"));
        try (TestExchange exchange = TestExchange.fix(folder))
        {
            assertTrue(exchange.server().fixPort() > 0);
        }
        try (Stream<Path> entries = Files.walk(data()))
        {
            for (final Path entry : (Iterable<Path>)entries::iterator)
            {
                final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(entry);
                assertTrue(permissions.stream().allMatch(p -> p.name().startsWith("OWNER")),
                    entry + " is " + PosixFilePermissions.toString(permissions));
            }
        }
    }

    private static String permissions(final Path path) throws IOException
    {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static long markOf(final Path data) throws IOException
    {
        final Path mark = data.resolve(JournalMark.FILE);
        if (!Files.exists(mark))
        {
            return Long.MIN_VALUE;
        }
        final String[] lines = Files.readString(mark, StandardCharsets.US_ASCII).split("\n");
        final String prefix = "journal high-water mark ";
        assertTrue(lines.length == 2 && lines[1].startsWith(prefix), "a mark: " + String.join("|", lines));
        return Long.parseLong(lines[1].substring(prefix.length()));
    }

    /**
     * The tests run as root, whom permission bits do not stop: an immutable folder ({@code chattr +i}) is one that
     * even root cannot create a file in. Skip, visibly, on a file system without it.
     */
    private void assumeImmutableFoldersWork() throws Exception
    {
        final Path trial = Files.createDirectory(folder.resolve("immutable-trial"));
        boolean works = false;
        try
        {
            if (chattrExits("+i", trial) == 0)
            {
                try
                {
                    Files.createFile(trial.resolve("probe"));
                }
                catch (final IOException expected)
                {
                    works = true;
                }
            }
        }
        finally
        {
            chattrExits("-i", trial);
        }
        Assumptions.assumeTrue(works, "SKIPPED: chattr +i does not make a folder unwritable on this machine, " +
            "so a read-only folder cannot be made for this test");
    }

    private static void chattr(final String change, final Path path) throws Exception
    {
        assertEquals(0, chattrExits(change, path), "chattr " + change + " " + path);
    }

    private static int chattrExits(final String change, final Path path) throws Exception
    {
        try
        {
            final Process process = new ProcessBuilder("chattr", change, path.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor();
        }
        catch (final IOException ex)
        {
            return -1; // no chattr
        }
    }

    private static void deleteTree(final Path root) throws IOException
    {
        try (Stream<Path> entries = Files.walk(root))
        {
            for (final Path entry : entries.sorted((a, b) -> b.compareTo(a)).toList())
            {
                Files.delete(entry);
            }
        }
    }
}
