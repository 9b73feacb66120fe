package io.carbonx.server.config;

/**
 * A configuration that cannot be used, with the path of the offending key and what is wrong with it.
 */
public final class ConfigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ConfigException(final String path, final String problem)
    {
        super(path.isEmpty() ? problem : path + ": " + problem);
    }
}
