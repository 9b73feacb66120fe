package io.carbonx.fix.store;

import java.io.IOException;
import java.nio.file.Path;

/** A session's store file is missing, truncated or corrupt: an operator must resolve it, nothing resets it. */
public final class DamagedMessageStoreException extends IOException
{
    private final transient Path file;

    public DamagedMessageStoreException(final Path file, final String problem)
    {
        super("FIX message store file " + file + " " + problem);
        this.file = file;
    }

    public Path file()
    {
        return file;
    }
}
