package io.secureconnect.common;

import static io.secureconnect.testsupport.structure.ArchitectureRules.featurePackagesAreFreeOfCycles;
import static io.secureconnect.testsupport.structure.ArchitectureRules.mainClasses;

import org.junit.jupiter.api.Test;

/** common-lib keeps its concern packages (web, security, peer, websocket, ...) free of cycles. */
class ArchitectureUnitTest {

    private static final String ROOT = "io.secureconnect.common";

    @Test
    void concernPackagesDoNotDependOnEachOtherInCycles() {
        featurePackagesAreFreeOfCycles(ROOT).check(mainClasses(ROOT));
    }
}
