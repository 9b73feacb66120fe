package io.carbonx.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the API answers: a status, a content type, a body, and any further headers.
 */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers)
{
    public static final String JSON = "application/json";
    public static final String CSV = "text/csv; charset=utf-8";
    public static final String PARQUET = "application/vnd.apache.parquet";

    public ApiResponse(final int status, final String contentType, final byte[] body)
    {
        this(status, contentType, body, Map.of());
    }

    /**
     * @return this response with one more header.
     */
    public ApiResponse withHeader(final String name, final String value)
    {
        final Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, body, Map.copyOf(more));
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
     * The body of every error: {@code {"status":400,"error":"field 'quantity': expected an integer"}}.
     */
    public record ErrorBody(int status, String error)
    {
    }
}
