package io.carbonx.server;

import io.carbonx.server.config.ExchangeConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;

/**
 * The {@link TestExchange} a test runs, closed after the test (also when it failed before genesis). Register it with
 * {@code @RegisterExtension}.
 * <p>
 * Used by the test thread only.
 */
final class RunningExchange implements AfterEachCallback
{
    private TestExchange exchange;

    /**
     * @return the exchange on {@code folder}, once genesis has reached the HTTP API's read replica.
     */
    TestExchange start(final Path folder, final ExchangeConfig config) throws Exception
    {
        exchange = TestExchange.start(folder, config);
        return exchange.awaitGenesis();
    }

    /**
     * Stop the running exchange, if any, and start the demo over FIX alone on {@code folder}: a restart of the server.
     */
    TestExchange restartFix(final Path folder)
    {
        if (exchange != null)
        {
            stop();
        }
        exchange = TestExchange.fix(folder);
        return exchange;
    }

    /**
     * Close the running exchange, as a stop of the server; {@link #start} may follow on the same folder.
     */
    void stop()
    {
        exchange.close();
        exchange = null;
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        if (exchange != null)
        {
            stop();
        }
    }
}
