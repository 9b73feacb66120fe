package io.carbonx.fix;

import io.carbonx.fix.session.FixAcceptor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the acceptor as the FIX 4.4 conformance scripts expect it: one session, our CompID ISLD,
 * the member TW, no password, sequence numbers reset when a connection ends (each script starts at
 * 1), and {@link EngineUnavailableApplication} behind it.
 *
 * <pre>java -cp ... io.carbonx.fix.ConformanceAcceptor [port] [storeDirectory]</pre>
 */
public final class ConformanceAcceptor
{
    public static final FixSessionId SESSION = new FixSessionId("ISLD", "TW");

    private ConformanceAcceptor()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int port = args.length > 0 ? Integer.parseInt(args[0]) : 9880;
        final Path store = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("carbonx-fix-conformance");
        final FixAcceptor acceptor = start(port, store);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            try
            {
                acceptor.close();
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }, "fix-shutdown"));
        System.out.println("FIX conformance acceptor on port " + acceptor.port() + ", store " + store);
        Thread.currentThread().join();
    }

    /** Starts the conformance configuration; port 0 picks a free port. */
    public static FixAcceptor start(final int port, final Path storeDirectory) throws Exception
    {
        final FixSessionSettings session = FixSessionSettings.builder(SESSION.senderCompId(), SESSION.targetCompId())
                .resetOnDisconnect(true)
                .build();
        return FixAcceptor.start(FixAcceptorConfig.of("127.0.0.1", port, storeDirectory, List.of(session)),
                new EngineUnavailableApplication());
    }
}
