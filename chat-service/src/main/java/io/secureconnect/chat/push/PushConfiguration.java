package io.secureconnect.chat.push;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The providers and the dispatcher, on one HTTP/2-capable client whose connections the pushes share (the dispatcher
 * shuts it down when the application stops).
 */
@Configuration(proxyBeanMethods = false)
class PushConfiguration {

    @Bean
    PushDispatcher pushDispatcher(JsonMapper json, DeviceRepository devices, PushMetrics metrics,
                                  PushProperties properties) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        List<PushProvider> providers = List.of(new FcmProvider(http, json, properties),
                new ApnsProvider(http, json, properties), new WebPushProvider(http, json, properties));
        return new PushDispatcher(providers, http, devices, metrics, properties);
    }
}
