package io.carbonx.engine.snapshot;

import java.io.IOException;

/**
 * A snapshot file that cannot be trusted: wrong magic or version, truncated, or failing its checksum.
 */
public final class InvalidSnapshotException extends IOException
{
    private static final long serialVersionUID = 1L;

    public InvalidSnapshotException(final String message)
    {
        super(message);
    }
}
