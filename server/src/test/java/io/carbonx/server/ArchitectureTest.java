package io.carbonx.server;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of ARCHITECTURE.md as rules over the main code of every module but the benchmarks (all of them are
 * on this module's test classpath): the engine knows nothing of the network, FIX, the adapters, the reports or the
 * cluster hosting it; the cluster knows nothing of the adapters; the FIX session library knows nothing of the engine;
 * reports know nothing of HTTP; and no two packages need each other.
 */
@AnalyzeClasses(
    packages = "io.carbonx",
    importOptions = { ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class })
class ArchitectureTest
{
    private static final String[] ENGINE = {
        "io.carbonx.protocol..", "io.carbonx.registry..", "io.carbonx.clearing..", "io.carbonx.engine.." };

    @ArchTest
    static final ArchRule ENGINE_KNOWS_NO_NETWORK_FIX_ADAPTERS_OR_REPORTS = noClasses()
        .that().resideInAnyPackage(ENGINE)
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.netty..", "io.carbonx.fix..", "io.carbonx.gateway..", "io.carbonx.server..", "io.carbonx.reports..",
            "io.carbonx.cluster..", "io.aeron..")
        .because("the core is deterministic and single-writer; everything else reads its event stream, and a " +
            "cluster hosts it through the engine's own seams (StateMachine, CommandLog)");

    @ArchTest
    static final ArchRule CLUSTER_HOSTS_THE_ENGINE_ONLY = noClasses()
        .that().resideInAPackage("io.carbonx.cluster..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.netty..", "io.carbonx.fix..", "io.carbonx.gateway..", "io.carbonx.server..", "io.carbonx.reports..")
        .because("the cluster replicates the state machine's commands; the gateway's adapters stay as they are");

    @ArchTest
    static final ArchRule FIX_KNOWS_NOTHING_OF_THE_ENGINE = noClasses()
        .that().resideInAPackage("io.carbonx.fix..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.carbonx.engine..", "io.carbonx.registry..", "io.carbonx.clearing..", "io.carbonx.gateway..",
            "io.carbonx.server..", "io.carbonx.reports..")
        .because("fix is a FIX 4.4 session library; the order adapter in gateway.orders joins it to the engine");

    @ArchTest
    static final ArchRule REPORTS_KNOW_NOTHING_OF_HTTP_OR_NETTY = noClasses()
        .that().resideInAPackage("io.carbonx.reports..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.netty..", "io.carbonx.gateway..", "io.carbonx.server..", "io.carbonx.fix..")
        .because("reports are folds over the event stream; the HTTP API only renders them");

    @ArchTest
    static final ArchRule GATEWAY_DOES_NOT_KNOW_THE_SERVER = noClasses()
        .that().resideInAPackage("io.carbonx.gateway..")
        .should().dependOnClassesThat().resideInAPackage("io.carbonx.server..")
        .because("the server composes the adapters, never the other way round");

    @ArchTest
    static final ArchRule REGISTRY_KNOWS_NOTHING_OF_BOOKS_OR_CLEARING = noClasses()
        .that().resideInAPackage("io.carbonx.registry..")
        .should().dependOnClassesThat().resideInAnyPackage("io.carbonx.engine..", "io.carbonx.clearing..")
        .because("the registry keeps accounts and units; trading and clearing build on it");

    @ArchTest
    static final ArchRule CLEARING_KNOWS_NOTHING_OF_BOOKS = noClasses()
        .that().resideInAPackage("io.carbonx.clearing..")
        .should().dependOnClassesThat().resideInAPackage("io.carbonx.engine..")
        .because("clearing settles trades the engine reports to it; it does not reach back into the books");

    @ArchTest
    static final ArchRule PROTOCOL_IS_THE_BOTTOM = noClasses()
        .that().resideInAPackage("io.carbonx.protocol..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.carbonx.registry..", "io.carbonx.clearing..", "io.carbonx.engine..")
        .because("every module shares the protocol, so it depends on none of them");

    /**
     * No two packages need each other.
     */
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices()
        .matching("io.carbonx.(**)")
        .should().beFreeOfCycles();

    /**
     * Leaves out test classes that reach the classpath as another module's test jar (DoNotIncludeTests only knows
     * test-classes folders).
     */
    public static final class DoNotIncludeTestJars implements ImportOption
    {
        @Override
        public boolean includes(final Location location)
        {
            return !location.contains("-tests.jar");
        }
    }
}
