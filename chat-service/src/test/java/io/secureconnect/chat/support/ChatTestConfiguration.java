package io.secureconnect.chat.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@TestConfiguration(proxyBeanMethods = false)
public class ChatTestConfiguration {

    @Bean
    RecordedAudit recordedAudit() {
        return new RecordedAudit();
    }
}
