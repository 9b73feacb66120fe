package io.carbonx.fix;

import io.carbonx.fix.session.FixAcceptor;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link FixAcceptor} on a free local port for one test, with a recording application; closed after the test, and
 * System.err (where slf4j-simple logs) given back if the test captured it. Register it with {@code @RegisterExtension}.
 * <p>
 * Used by the test thread only.
 */
final class AcceptorFixture implements AfterEachCallback
{
    private final PrintStream originalErr = System.err;
    private FixAcceptor acceptor;

    /**
     * @return a configuration listening on 127.0.0.1, on a port the system picks.
     */
    static FixAcceptorConfig local(final Path store, final FixSessionSettings... sessions)
    {
        return FixAcceptorConfig.of("127.0.0.1", 0, store, List.of(sessions));
    }

    void start(final FixAcceptorConfig config) throws IOException, InterruptedException
    {
        acceptor = FixAcceptor.start(config, new FixAcceptorQuickFixJTest.RecordingApplication());
    }

    int port()
    {
        return acceptor.port();
    }

    FixSession session(final FixSessionId id)
    {
        return acceptor.session(id);
    }

    /**
     * Close the acceptor, as when the gateway stops; {@link #start} may follow on the same store.
     */
    void stop() throws InterruptedException
    {
        acceptor.close();
        acceptor = null;
    }

    /**
     * @return what is written to System.err from now until the end of the test.
     */
    ByteArrayOutputStream captureErr()
    {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        return captured;
    }

    @Override
    public void afterEach(final ExtensionContext context) throws Exception
    {
        System.setErr(originalErr);
        if (acceptor != null)
        {
            stop();
        }
    }
}
