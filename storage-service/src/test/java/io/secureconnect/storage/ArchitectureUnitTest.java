package io.secureconnect.storage;

import io.secureconnect.testsupport.structure.ServiceStructureTest;

/**
 * storage-service keeps the house structure rules in its main code: no feature cycles, no controller using a
 * repository, no other service's code.
 */
class ArchitectureUnitTest extends ServiceStructureTest {

    ArchitectureUnitTest() {
        super("io.secureconnect.storage");
    }
}
