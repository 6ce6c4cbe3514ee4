package io.secureconnect.video;

import io.secureconnect.testsupport.structure.ServiceStructureTest;

/**
 * video-service keeps the house structure rules in its main code: no feature cycles, no controller using a
 * repository, no other service's code.
 */
class ArchitectureUnitTest extends ServiceStructureTest {

    ArchitectureUnitTest() {
        super("io.secureconnect.video");
    }
}
