package io.secureconnect.common.reactive;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** A minimal WebFlux app (like the gateway) built only from common-lib's auto-configuration. */
@SpringBootApplication(excludeName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
public class ReactiveTestApplication {

    record Greeting(@NotBlank String name) {
    }

    @RestController
    static class TestController {

        @PostMapping("/api/v1/greetings")
        Mono<Map<String, String>> greet(@Valid @RequestBody Greeting greeting) {
            return Mono.just(Map.of("text", "hello " + greeting.name()));
        }

        @GetMapping("/api/v1/boom")
        Mono<Void> boom() {
            return Mono.error(new IllegalStateException("secret internal detail"));
        }
    }
}
