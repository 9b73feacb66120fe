package io.carbonx.engine.pipeline;

/**
 * What a producer gets from a failed engine, for gateway tests that fake the engine: the exception's constructor is the
 * engine's own (package-private), so this test-only class sits in its package.
 */
public final class EngineFaults
{
    private EngineFaults()
    {
    }

    public static EngineUnavailableException failed(final String reason)
    {
        return new EngineUnavailableException(EngineState.FAILED, reason, null);
    }
}
