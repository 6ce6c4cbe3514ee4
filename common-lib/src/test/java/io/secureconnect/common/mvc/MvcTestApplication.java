package io.secureconnect.common.mvc;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A minimal MVC service built only from common-lib's auto-configuration, as every real service is. */
@SpringBootApplication
public class MvcTestApplication {

    record Greeting(@NotBlank @Size(max = 20) String name, int times) {
    }

    /** Documented as every real operation is (common-lib apidocs; ApiDocsIntegrationTest). */
    @RestController
    @Tag(name = "Documented", description = "An operation described the way every service's are")
    static class DocumentedController {

        @Operation(operationId = "renameDocumented", summary = "Rename a thing")
        @ApiErrors("CONFLICT")
        @PutMapping("/api/v1/documented/{id}")
        Map<String, Object> rename(@PathVariable long id, @Valid @RequestBody Greeting greeting) {
            return Map.of("id", id, "name", greeting.name());
        }
    }

    @RestController
    static class TestController {

        private static final Logger log = LoggerFactory.getLogger(TestController.class);
        private final JdbcClient jdbc;

        TestController(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @PostMapping("/api/v1/greetings")
        Map<String, Object> greet(@Valid @RequestBody Greeting greeting) {
            return Map.of("text", "hello " + greeting.name(), "times", greeting.times());
        }

        @GetMapping("/api/v1/items/{id}")
        Map<String, Object> item(@PathVariable long id) {
            Long count = jdbc.sql("SELECT count(*) FROM pg_database").query(Long.class).single();
            return Map.of("id", id, "databases", count);
        }

        @GetMapping("/api/v1/missing")
        ResponseEntity<Void> missing() {
            throw new ApiException(CommonErrorCode.NOT_FOUND, "There is no such thing.");
        }

        @GetMapping("/api/v1/forbidden")
        ResponseEntity<Void> forbidden() {
            throw new AccessDeniedException("members only");
        }

        @GetMapping("/api/v1/boom")
        ResponseEntity<Void> boom() {
            throw new IllegalStateException("secret internal detail: connection string jdbc:postgresql://db/secret");
        }

        /** Who is calling, as a controller sees it through common-lib's {@link Caller} parameter. */
        @GetMapping("/api/v1/caller")
        Map<String, Object> caller(Caller caller) {
            return Map.of("userId", caller.userId(), "sessionId", String.valueOf(caller.sessionId()),
                    "emailVerified", caller.emailVerified(), "tokenForwarded", !caller.accessToken().isBlank());
        }

        /** The client as the service sees it: what per-IP limits, sessions and audit events record. */
        @GetMapping("/api/v1/client")
        Map<String, Object> client(HttpServletRequest request) {
            return Map.of("address", request.getRemoteAddr(), "secure", request.isSecure());
        }

        /** Logs the whole request carelessly, as a debugging line might; masking must still protect tokens. */
        @GetMapping("/api/v1/careless")
        Map<String, String> careless(HttpServletRequest request) {
            log.info("request {}?{} authorization={}", request.getRequestURI(), request.getQueryString(),
                    request.getHeader("Authorization"));
            log.info("Authorization: {}", request.getHeader("Authorization"));
            return Map.of("ok", "yes");
        }
    }
}
