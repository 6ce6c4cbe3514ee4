package io.secureconnect.testsupport.structure;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A service's structure test: extend it in the service's src/test, naming the service's root package, and
 * {@code ./mvnw verify} checks every {@link ArchitectureRules} rule on the service's main classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one import of the classes for all three rules
public abstract class ServiceStructureTest {

    private final String rootPackage;
    private final JavaClasses main;

    protected ServiceStructureTest(String rootPackage) {
        this.rootPackage = rootPackage;
        this.main = ArchitectureRules.mainClasses(rootPackage);
    }

    @Test
    void featurePackagesDoNotDependOnEachOtherInCycles() {
        ArchitectureRules.featurePackagesAreFreeOfCycles(rootPackage).check(main);
    }

    @Test
    void controllersNeverUseRepositories() {
        ArchitectureRules.controllersDoNotUseRepositories().check(main);
    }

    @Test
    void usesNoOtherServicesCode() {
        ArchitectureRules.usesOnlyItsOwnCodeAndCommonLib(rootPackage).check(main);
    }
}
