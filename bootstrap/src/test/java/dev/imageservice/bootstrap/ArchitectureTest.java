package dev.imageservice.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;

/**
 * The dependency rules of docs/architecture.md, checked on the main classes of every module. Each rule was seen to fail
 * once against a deliberate violation; ArchUnit also fails a rule whose classes are all missing, so a renamed
 * package cannot turn a rule into one that always passes.
 */
@AnalyzeClasses(packages = "dev.imageservice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DOMAIN = "dev.imageservice.domain..";
    private static final String APPLICATION = "dev.imageservice.application..";
    private static final String APPLICATION_SERVICES = "dev.imageservice.application.service..";
    private static final String ADAPTERS = "dev.imageservice.adapter..";
    private static final String PERSISTENCE = "dev.imageservice.adapter.persistence..";
    private static final String BOOTSTRAP = "dev.imageservice.bootstrap..";

    /** domain ← application ← adapters ← bootstrap; nothing may depend on bootstrap. */
    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Domain").definedBy(DOMAIN)
            .layer("Application").definedBy(APPLICATION)
            .layer("Adapters").definedBy(ADAPTERS)
            .layer("Bootstrap").definedBy(BOOTSTRAP)
            .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
            .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Adapters", "Bootstrap")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Adapters", "Bootstrap");

    /** A class outside the four layers would escape the layer rule. */
    @ArchTest
    static final ArchRule everyClassIsInALayer = classes()
            .should().resideInAnyPackage(DOMAIN, APPLICATION, ADAPTERS, BOOTSTRAP);

    @ArchTest
    static final ArchRule domainDependsOnlyOnTheJdk = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN);

    @ArchTest
    static final ArchRule applicationIsFreeOfFrameworks = noClasses()
            .that().resideInAPackage(APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.quarkus..", "jakarta.persistence..", "jakarta.ws.rs..", "io.grpc..", "com.fasterxml..");

    /**
     * Key formats, cryptography, compression and JSON are mechanics behind outbound ports: the
     * application names what it needs, an adapter (or bootstrap) brings the library.
     */
    @ArchTest
    static final ArchRule applicationHoldsNoCryptoCompressionOrFormatLibrary = noClasses()
            .that().resideInAPackage(APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.bouncycastle..", "org.apache.commons.compress..", "org.tukaani..", "com.fasterxml..");

    /** Adapters and bootstrap reach the use cases through their ports, never a service class. */
    @ArchTest
    static final ArchRule servicesAreReachedThroughPortsOnly = noClasses()
            .that().resideInAnyPackage(ADAPTERS, BOOTSTRAP)
            .should().dependOnClassesThat().resideInAPackage(APPLICATION_SERVICES);

    /** Meta-annotations count too: an @Entity smuggled in through a custom annotation is still an entity. */
    @ArchTest
    static final ArchRule entitiesOnlyInThePersistenceAdapter = noClasses()
            .that().resideOutsideOfPackage(PERSISTENCE)
            .should().beMetaAnnotatedWith(Entity.class);

    @ArchTest
    static final ArchRule adaptersAreIndependent = slices()
            .matching("dev.imageservice.adapter.(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule domainPackagesAreFreeOfCycles = slices()
            .matching("dev.imageservice.domain.(*)..")
            .should().beFreeOfCycles();
}
