package io.carbonx.protocol;

/**
 * A value given for a named field (of a request, a command line or a configuration) that the exchange refuses; the
 * message names the field and what was expected. Adapters turn it into their own rejection, e.g. an HTTP 400.
 */
public final class InvalidFieldException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    public InvalidFieldException(final String message)
    {
        super(message);
    }
}
