package io.secureconnect.bench.auth;

import io.secureconnect.bench.BenchmarkFailure;
import io.secureconnect.bench.load.UnexpectedStatusException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few calls of auth-service the login benchmark needs, relative to a base URL (the service itself or the
 * gateway): register, login, the current user, account deletion, TOTP enrolment and the second step of a sign-in. Setup calls turn any surprise into a
 * {@link BenchmarkFailure} that says what the service answered; the load itself uses the prepared requests.
 */
final class AuthClient {

    static final String REGISTER = "/api/v1/auth/register";
    static final String LOGIN = "/api/v1/auth/login";
    static final String ME = "/api/v1/users/me";
    static final String MFA = "/api/v1/users/me/mfa";
    static final String TOTP = "/api/v1/users/me/mfa/totp";
    static final String TOTP_CONFIRM = "/api/v1/users/me/mfa/totp/confirm";
    static final String MFA_VERIFY = "/api/v1/auth/mfa/verify";
    static final String HEALTH = "/health";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BODY_EXCERPT = 300;

    /** A fresh account; the password is long and random, so the strength check always accepts it. */
    record Credentials(String email, String password, String displayName) {

        static Credentials random() {
            String id = UUID.randomUUID().toString();
            return new Credentials("bench-" + id + "@bench.secureconnect.test",
                    "bench passphrase " + UUID.randomUUID(), "Bench " + id.substring(0, 8));
        }
    }

    /** What a login answered that the benchmark uses. */
    record Tokens(String accessToken, long expiresInSeconds) {
    }

    /**
     * The service did not do it now, but may soon: no answer in time, a broken connection, 429 or 5xx (503
     * AUTH_BUSY when every hash slot stayed taken). Never a 4xx about the credentials, which must not be retried:
     * repeated failures would lock the account.
     */
    static final class Busy extends Exception {
        Busy(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    AuthClient(HttpClient http, URI base, Duration timeout) {
        this.http = http;
        this.base = base;
        this.timeout = timeout;
    }

    /** The base with a path appended; a trailing slash of the base does not double. */
    URI uri(String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    /** POST register; 201 or a failure that quotes the answer. */
    void register(Credentials account) throws BenchmarkFailure, InterruptedException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", account.email());
        body.put("password", account.password());
        body.put("displayName", account.displayName());
        HttpResponse<String> response;
        try {
            response = call(post(REGISTER, body));
        } catch (IOException e) {
            throw new BenchmarkFailure("registering at %s failed: %s (still busy with an earlier run?)"
                    .formatted(uri(REGISTER), e));
        }
        if (response.statusCode() != 201) {
            throw new BenchmarkFailure("registering %s at %s answered %s; is --base / SC_BENCH_AUTH an auth-service "
                    .formatted(account.email(), uri(REGISTER), describe(response))
                    + "(or the gateway in front of one)?");
        }
    }

    /**
     * One login outside the load (setup, a fresh token before a phase): the token, {@link Busy} when trying again
     * later may help, else a failure.
     */
    Tokens login(Credentials account) throws BenchmarkFailure, Busy, InterruptedException {
        HttpResponse<String> response;
        try {
            response = call(loginRequest(account));
        } catch (IOException e) {
            throw new Busy("login: " + e);
        }
        if (worthRetrying(response.statusCode())) {
            throw new Busy("login answered " + describe(response));
        }
        if (response.statusCode() != 200) {
            throw new BenchmarkFailure("logging in as the freshly registered %s answered %s"
                    .formatted(account.email(), describe(response)));
        }
        try {
            JsonNode tokens = JSON.readTree(response.body());
            String accessToken = tokens.path("accessToken").asString("");
            if (accessToken.isBlank()) {
                throw new BenchmarkFailure("the login answer has no accessToken: " + excerpt(response.body()));
            }
            return new Tokens(accessToken, tokens.path("expiresIn").asLong(0));
        } catch (JacksonException e) {
            throw new BenchmarkFailure("the login answer is not JSON: " + excerpt(response.body()));
        }
    }

    /**
     * Deletes the account (confirmed with its password), which also ends the sessions the load opened. Returns when
     * done; {@link Busy} when trying again later may help, else a failure (an old server without the endpoint).
     */
    void delete(Credentials account, String accessToken) throws BenchmarkFailure, Busy, InterruptedException {
        HttpResponse<String> response;
        try {
            response = call(HttpRequest.newBuilder(uri(ME))
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Content-Type", "application/json")
                    .method("DELETE", BodyPublishers.ofString(json(Map.of("password", account.password()))))
                    .timeout(timeout)
                    .build());
        } catch (IOException e) {
            throw new Busy("delete: " + e);
        }
        if (worthRetrying(response.statusCode())) {
            throw new Busy("delete answered " + describe(response));
        }
        if (response.statusCode() / 100 != 2) {
            throw new BenchmarkFailure("delete answered " + describe(response));
        }
    }

    /** Whether the service has second factors: {@code GET /users/me/mfa} answers (404 on an older one). */
    boolean offersTotp(String accessToken) throws BenchmarkFailure, Busy, InterruptedException {
        HttpResponse<String> response;
        try {
            response = call(HttpRequest.newBuilder(uri(MFA)).header("Authorization", "Bearer " + accessToken)
                    .GET().timeout(timeout).build());
        } catch (IOException e) {
            throw new Busy("GET " + MFA + ": " + e);
        }
        if (worthRetrying(response.statusCode())) {
            throw new Busy("GET " + MFA + " answered " + describe(response));
        }
        return response.statusCode() == 200;
    }

    /**
     * Turns TOTP on for the account (enrol, then confirm with a first code) and returns its secret; empty when the
     * service has no TOTP (404: an older auth-service).
     */
    Optional<byte[]> enrolTotp(String accessToken) throws BenchmarkFailure, Busy, InterruptedException {
        HttpResponse<String> started = authorized(TOTP, accessToken, Map.of());
        if (started.statusCode() == 404) {
            return Optional.empty();
        }
        if (started.statusCode() != 200) {
            throw new BenchmarkFailure("TOTP enrolment answered " + describe(started));
        }
        byte[] secret;
        try {
            secret = TotpAccounts.decodeBase32(JSON.readTree(started.body()).path("secret").asString(""));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new BenchmarkFailure("the TOTP enrolment answer has no secret: " + excerpt(started.body()));
        }
        long step = Math.floorDiv(Instant.now().getEpochSecond(), TotpAccounts.STEP_SECONDS);
        HttpResponse<String> confirmed = authorized(TOTP_CONFIRM, accessToken,
                Map.of("code", TotpAccounts.code(secret, step)));
        if (confirmed.statusCode() != 200) {
            throw new BenchmarkFailure("TOTP confirmation answered " + describe(confirmed));
        }
        return Optional.of(secret);
    }

    private HttpResponse<String> authorized(String path, String accessToken, Map<String, String> body)
            throws Busy, InterruptedException {
        HttpResponse<String> response;
        try {
            response = call(HttpRequest.newBuilder(uri(path))
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(json(body)))
                    .timeout(timeout)
                    .build());
        } catch (IOException e) {
            throw new Busy(path + ": " + e);
        }
        if (worthRetrying(response.statusCode())) {
            throw new Busy(path + " answered " + describe(response));
        }
        return response;
    }

    /**
     * A sign-in with TOTP as the load repeats it: the password step, then {@code /mfa/verify} with the account's next
     * code. Any answer but the challenge and then the tokens is a failure.
     */
    void loginWithTotp(TotpAccounts.Account account) throws Exception {
        HttpResponse<String> challenge = call(loginRequest(account.credentials()));
        UnexpectedStatusException.requireSuccess(challenge.statusCode());
        String mfaToken = JSON.readTree(challenge.body()).path("mfaToken").asString("");
        if (mfaToken.isBlank()) {
            throw new IllegalStateException("the login of a TOTP account asked for no second factor");
        }
        HttpResponse<String> verified = call(post(MFA_VERIFY, Map.of("mfaToken", mfaToken,
                "code", account.nextCode())));
        UnexpectedStatusException.requireSuccess(verified.statusCode());
    }

    /** The login the load repeats: always the right password, so no lockout or failure throttling ever starts. */
    HttpRequest loginRequest(Credentials account) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", account.email());
        body.put("password", account.password());
        body.put("deviceName", "bench login");
        return post(LOGIN, body);
    }

    /** The token-only request: signature, revocation check and one small query. */
    HttpRequest meRequest(String accessToken) {
        return HttpRequest.newBuilder(uri(ME))
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .GET()
                .timeout(timeout)
                .build();
    }

    private HttpRequest post(String path, Map<String, ?> body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(BodyPublishers.ofString(json(body)))
                .timeout(timeout)
                .build();
    }

    private HttpResponse<String> call(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.ofString());
    }

    private static boolean worthRetrying(int status) {
        return status == 429 || status >= 500;
    }

    private static String json(Map<String, ?> body) {
        return JSON.writeValueAsString(body);
    }

    private static String describe(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().strip();
        return "HTTP " + response.statusCode() + (body.isEmpty() ? "" : " " + excerpt(body));
    }

    private static String excerpt(String body) {
        return body.length() <= BODY_EXCERPT ? body : body.substring(0, BODY_EXCERPT) + "...";
    }
}
