package io.secureconnect.testsupport.time;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Import into an integration test ({@code @Import(MutableClockConfiguration.class)}) to run the service on a
 * {@link MutableClock}: it replaces common-lib's system clock, and the test autowires it to move time.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MutableClockConfiguration {

    @Bean
    MutableClock clock() {
        return new MutableClock();
    }
}
