package io.carbonx.gateway.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the API answers: a status, a content type and a body, with any further headers (the console's cookies, cache
 * validators and redirects), or, for a server-sent event stream, the {@link EventStream} that writes it.
 *
 * @param headers further response headers by name; empty for the JSON API's answers.
 * @param stream  null for an ordinary answer; otherwise the status and headers are sent at once, without a length, and
 *                the stream then writes the body for as long as the connection lasts.
 */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers,
    EventStream stream)
{
    public static final String JSON = "application/json";
    public static final String CSV = "text/csv; charset=utf-8";
    public static final String PARQUET = "application/vnd.apache.parquet";
    public static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    public ApiResponse(final int status, final String contentType, final byte[] body)
    {
        this(status, contentType, body, Map.of(), null);
    }

    public static ApiResponse json(final int status, final Object value)
    {
        return new ApiResponse(status, JSON, StrictJson.write(value));
    }

    public static ApiResponse error(final int status, final String message)
    {
        return json(status, new ErrorBody(status, message));
    }

    public static ApiResponse text(final int status, final String contentType, final String text)
    {
        return new ApiResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A Parquet file as a download, read then deleted (exports are temporary files).
     *
     * @param filename what the browser saves it as.
     */
    public static ApiResponse parquetFile(final Path file, final String filename)
    {
        try
        {
            return new ApiResponse(200, PARQUET, Files.readAllBytes(file))
                .withHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        }
        catch (final IOException ex)
        {
            throw new ApiException(503, "cannot read the export " + filename + ": " + ex.getMessage());
        }
        finally
        {
            try
            {
                Files.deleteIfExists(file);
            }
            catch (final IOException ignored)
            {
                // the export folder holds only such temporary files
            }
        }
    }

    /**
     * A {@code 302 Found} to another page of this server.
     */
    public static ApiResponse redirect(final String location)
    {
        return new ApiResponse(302, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location), null);
    }

    /**
     * An event stream: 200 with {@code text/event-stream}, never cached, written by {@code stream}.
     */
    public static ApiResponse eventStream(final EventStream stream)
    {
        return new ApiResponse(200, EVENT_STREAM, new byte[0], Map.of("Cache-Control", "no-store"), stream);
    }

    /**
     * @return this answer with one more header (replacing one of the same name).
     */
    public ApiResponse withHeader(final String name, final String value)
    {
        final Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, body, more, stream);
    }

    /**
     * The body of every error: {@code {"status":400,"error":"field 'quantity': expected an integer"}}.
     */
    public record ErrorBody(int status, String error)
    {
    }
}
