package io.carbonx.gateway.http;

import java.nio.charset.StandardCharsets;

/**
 * What the API answers: a status, a content type and a body.
 */
public record ApiResponse(int status, String contentType, byte[] body)
{
    public static final String JSON = "application/json";
    public static final String CSV = "text/csv; charset=utf-8";

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
