package io.carbonx.reports.store;

/**
 * The analytic store cannot be read or written (its file, DuckDB), or did not catch up in time.
 */
public final class StoreException extends RuntimeException
{
    public StoreException(final String message, final Throwable cause)
    {
        super(message, cause);
    }

    public StoreException(final String message)
    {
        super(message);
    }
}
