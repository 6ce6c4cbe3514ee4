package io.secureconnect.auth;

import static io.secureconnect.testsupport.structure.ArchitectureRules.controllersDoNotUseRepositories;
import static io.secureconnect.testsupport.structure.ArchitectureRules.featurePackagesAreFreeOfCycles;
import static io.secureconnect.testsupport.structure.ArchitectureRules.mainClasses;
import static io.secureconnect.testsupport.structure.ArchitectureRules.usesOnlyItsOwnCodeAndCommonLib;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The auth-service keeps the house structure (test-support's ArchitectureRules) in its main code. */
class ArchitectureUnitTest {

    private static final String ROOT = "io.secureconnect.auth";
    private static final JavaClasses MAIN = mainClasses(ROOT);

    @Test
    void featurePackagesDoNotDependOnEachOtherInCycles() {
        featurePackagesAreFreeOfCycles(ROOT).check(MAIN);
    }

    @Test
    void controllersNeverUseRepositories() {
        controllersDoNotUseRepositories().check(MAIN);
    }

    @Test
    void usesNoOtherServicesCode() {
        usesOnlyItsOwnCodeAndCommonLib(ROOT).check(MAIN);
    }
}
