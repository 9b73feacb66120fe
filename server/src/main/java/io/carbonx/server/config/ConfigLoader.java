package io.carbonx.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads an {@link ExchangeConfig} from YAML: unknown keys, missing keys and wrong types are errors that name the key.
 */
public final class ConfigLoader
{
    /**
     * The embedded configuration a server starts with when given no file: demo instruments, accounts and sessions.
     * Started as it is, it runs in demo mode; a copy of it in a file does not (see {@link DemoCredentials}).
     */
    public static final String DEFAULT_RESOURCE = "/carbonx-default.yaml";

    /** A count written 1.5 is a mistake to name, not a 1 to guess. */
    private static final ObjectMapper MAPPER = YAMLMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .build();

    public static ExchangeConfig load(final Path file)
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return parse(in, file.toString());
        }
        catch (final NoSuchFileException ex)
        {
            throw new ConfigException("", "configuration file not found: " + file.toAbsolutePath());
        }
        catch (final IOException ex)
        {
            throw new ConfigException("", "cannot read configuration file " + file.toAbsolutePath() + ": " +
                ex.getMessage());
        }
    }

    /**
     * @return the embedded demo configuration, in demo mode: its published credentials are accepted.
     */
    public static ExchangeConfig loadDefault()
    {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException("embedded configuration missing: " + DEFAULT_RESOURCE);
            }
            final ExchangeConfig config = parse(in, "embedded default");
            return config.withServer(config.server().withDemo(true));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static ExchangeConfig parse(final InputStream in, final String source) throws IOException
    {
        try
        {
            final ExchangeConfig config = MAPPER.readValue(in, ExchangeConfig.class);
            if (config == null)
            {
                throw new ConfigException("", source + " is empty");
            }
            return config.validate();
        }
        catch (final UnrecognizedPropertyException ex)
        {
            throw new ConfigException(parentPath(ex), "unknown key '" + ex.getPropertyName() + "' (known: " +
                ex.getKnownPropertyIds() + ")");
        }
        catch (final JsonMappingException ex)
        {
            throw new ConfigException(path(ex), firstLine(ex.getOriginalMessage()));
        }
        catch (final JsonProcessingException ex)
        {
            throw new ConfigException("", source + " is not valid YAML: " + firstLine(ex.getOriginalMessage()) +
                (ex.getLocation() == null ? "" : " (line " + ex.getLocation().getLineNr() + ")"));
        }
    }

    private static String path(final JsonMappingException ex)
    {
        return path(ex.getPath());
    }

    private static String parentPath(final JsonMappingException ex)
    {
        return path(ex.getPath().subList(0, Math.max(0, ex.getPath().size() - 1)));
    }

    private static String path(final List<JsonMappingException.Reference> references)
    {
        final StringBuilder path = new StringBuilder();
        for (final JsonMappingException.Reference reference : references)
        {
            if (reference.getFieldName() != null)
            {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            }
            else if (reference.getIndex() >= 0)
            {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(final String message)
    {
        final int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private ConfigLoader()
    {
    }
}
