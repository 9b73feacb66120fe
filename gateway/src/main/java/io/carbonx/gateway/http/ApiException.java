package io.carbonx.gateway.http;

/**
 * Ends a request with an HTTP status and a message for the client, e.g. 400 and
 * {@code field 'quantity': expected an integer}.
 */
public final class ApiException extends RuntimeException
{
    private final int status;

    public ApiException(final int status, final String message)
    {
        super(message, null, false, false);
        this.status = status;
    }

    public int status()
    {
        return status;
    }

    public static ApiException badRequest(final String message)
    {
        return new ApiException(400, message);
    }

    public static ApiException forbidden(final String message)
    {
        return new ApiException(403, message);
    }

    public static ApiException notFound(final String message)
    {
        return new ApiException(404, message);
    }
}
