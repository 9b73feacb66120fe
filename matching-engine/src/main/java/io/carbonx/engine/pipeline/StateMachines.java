package io.carbonx.engine.pipeline;

import io.carbonx.engine.core.StateMachine;

import java.util.function.Supplier;

/**
 * Creates a state machine from a class name, for tools and child processes that are told which one to run: either a
 * {@link StateMachine} with a public no-argument constructor, or a {@code Supplier<StateMachine>} that builds one.
 */
public final class StateMachines
{
    private StateMachines()
    {
    }

    public static StateMachine newInstance(final String className)
    {
        final Object instance;
        try
        {
            instance = Class.forName(className).getDeclaredConstructor().newInstance();
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalArgumentException("cannot instantiate " + className, ex);
        }

        if (instance instanceof StateMachine)
        {
            return (StateMachine)instance;
        }
        if (instance instanceof Supplier)
        {
            final Object built = ((Supplier<?>)instance).get();
            if (built instanceof StateMachine)
            {
                return (StateMachine)built;
            }
        }
        throw new IllegalArgumentException(className + " is neither a StateMachine nor a Supplier<StateMachine>");
    }
}
