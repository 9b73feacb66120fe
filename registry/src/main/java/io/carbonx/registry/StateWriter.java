package io.carbonx.registry;

import java.io.IOException;

/**
 * Where the registry writes its state as a stream of values in one canonical order: a snapshot file or a digest.
 * <p>
 * One walk over the state feeds both, so the state hash covers exactly what a snapshot restores.
 */
interface StateWriter
{
    void writeLong(long value) throws IOException;

    void writeUtf(String value) throws IOException;
}
