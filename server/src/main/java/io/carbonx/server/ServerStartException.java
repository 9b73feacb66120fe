package io.carbonx.server;

/**
 * The server cannot start for a reason outside the configuration: its data folder or its port.
 */
public final class ServerStartException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ServerStartException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
