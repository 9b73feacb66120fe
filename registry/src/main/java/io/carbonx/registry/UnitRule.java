package io.carbonx.registry;

/**
 * Which units, by the attributes of their issuance, a use (such as a surrender) admits; see
 * {@link Registry#firstInadmissible}. Primitive arguments, so a check allocates nothing.
 */
@FunctionalInterface
public interface UnitRule
{
    /**
     * @param attributed whether the units were issued with attributes; if not, the other arguments are 0.
     * @return true if units with these attributes may be used.
     */
    boolean admits(boolean attributed, int projectType, long projectId, int vintage, int registeredDate, int labels);
}
