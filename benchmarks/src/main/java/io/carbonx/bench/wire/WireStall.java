package io.carbonx.bench.wire;

import java.io.IOException;

/**
 * The exchange took no bytes from a session's connection for the stall timeout: it has stopped reading, as a
 * deadlocked or wedged server does. The run cannot finish; the benchmark says so instead of waiting for ever.
 */
public final class WireStall extends IOException
{
    private static final long serialVersionUID = 1L;

    WireStall(final String message)
    {
        super(message);
    }
}
