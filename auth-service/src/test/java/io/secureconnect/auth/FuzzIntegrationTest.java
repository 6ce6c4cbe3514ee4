package io.secureconnect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.testsupport.fuzz.FuzzedRoute;
import io.secureconnect.testsupport.fuzz.MutatedJson;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.spring.JqwikSpringSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 18's fuzz pass on auth-service: whatever body anyone posts to any JSON route (public ones anonymously, the
 * others with a valid token, the admin routes as an administrator), the answer is a 4xx problem with a code, never
 * a 5xx. Routes that change the account they act on (password, email, deletion) each get an account of their own.
 */
@JqwikSpringSupport
@AuthServiceTest
@WithMail
@TestPropertySource(properties = "secureconnect.auth.admin-email=" + FuzzIntegrationTest.ADMIN_EMAIL)
class FuzzIntegrationTest {

    static final String ADMIN_EMAIL = "fuzz-admin@example.com";

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    /** Made once for the class (the administrator can register only once), shared by its properties. */
    private static final Map<String, String> ids = new LinkedHashMap<>();

    // a fixed seed (one that passed) keeps the build deterministic; to explore, change it and run the class: what a
    // new seed finds becomes an @Example here
    @Property(tries = 50, seed = "5918289066279209408", afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void everyJsonRouteAnswersAnyBodyWithoutAServerError(@ForAll("bodies") List<String> bodies) throws Exception {
        Map<String, String> values = ids();
        List<FuzzedRoute> routes = routes();
        for (int i = 0; i < routes.size(); i++) {
            routes.get(i).filledIn(values).assertHandled(port, FuzzedRoute.fill(bodies.get(i), values));
        }
    }

    @Example
    void aPasswordThatIsNotValidTextIsRefusedNotA500() throws Exception {
        Map<String, String> values = ids();
        String unpairedSurrogate = "\"\\ud800\"";

        // found by the fuzz pass: the Argon2 encoder threw on it, which surfaced as a 500
        for (FuzzedRoute route : routes()) {
            if (route.example().containsKey("password") || route.example().containsKey("currentPassword")
                    || route.example().containsKey("newPassword")) {
                String body = FuzzedRoute.fill(MutatedJson.write(route.example()), values)
                        .replace("\"" + AuthClient.PASSWORD + "\"", unpairedSurrogate)
                        .replace("\"another horse battery staple\"", unpairedSurrogate);
                route.filledIn(values).assertHandled(port, body);
            }
        }
    }

    /**
     * Issue 19: a NUL in a display name or reason was a 500, an unpaired surrogate was stored as '?'; both are refused
     * (400 VALIDATION_FAILED) in every text field auth keeps.
     */
    @Example
    void textThatCannotBeStoredIsRefusedInEveryKeptField() throws Exception {
        Map<String, String> values = ids();
        for (String bad : List.of("\"x\\u0000y is here\"", "\"x\\ud800y is here\"")) {
            for (FuzzedRoute route : routes()) {
                String field = route.example().containsKey("displayName") ? "displayName"
                        : route.example().containsKey("reason") ? "reason" : null;
                if (field == null) {
                    continue;
                }
                String body = FuzzedRoute.fill(MutatedJson.write(route.example()), values)
                        .replace("\"" + route.example().get(field) + "\"", bad);
                var answer = route.filledIn(values).send(port, body);

                route.filledIn(values).assertHandled(answer, body);
                assertThat(answer.statusCode()).as("%s %s", route.path(), body)
                        .isEqualTo(400);
                assertThat(answer.body()).contains("VALIDATION_FAILED");
            }
        }
    }

    @Provide
    Arbitrary<List<String>> bodies() {
        return FuzzedRoute.oneBodyEach(routes());
    }

    /** Every route of auth-service that reads a JSON body, with a valid example each. */
    private static List<FuzzedRoute> routes() {
        String password = AuthClient.PASSWORD;
        String newPassword = "another horse battery staple";
        return List.of(
                new FuzzedRoute("POST", "/api/v1/auth/register", null,
                        Map.of("email", "new-user@example.com", "password", password, "displayName", "New User")),
                new FuzzedRoute("POST", "/api/v1/auth/verify-email", null, Map.of("token", "a-verification-token")),
                new FuzzedRoute("POST", "/api/v1/auth/verify-email/resend", null, Map.of("email", "{aliceEmail}")),
                new FuzzedRoute("POST", "/api/v1/auth/login", null,
                        Map.of("email", "{aliceEmail}", "password", password, "deviceName", "fuzz")),
                // an account of its own: a rotated refresh token sent again revokes its session (stolen-token
                // detection), which would end Alice's, whom the other routes act as
                new FuzzedRoute("POST", "/api/v1/auth/refresh", null, Map.of("refreshToken", "{refresherRefresh}")),
                new FuzzedRoute("POST", "/api/v1/auth/password-reset/request", null, Map.of("email", "{aliceEmail}")),
                new FuzzedRoute("POST", "/api/v1/auth/password-reset/confirm", null,
                        Map.of("token", "a-reset-token", "newPassword", newPassword)),
                new FuzzedRoute("POST", "/api/v1/auth/mfa/verify", null,
                        Map.of("mfaToken", "an-mfa-token", "code", "123456")),
                new FuzzedRoute("POST", "/api/v1/users/me/mfa/totp/confirm", "{alice}", Map.of("code", "123456")),
                new FuzzedRoute("POST", "/api/v1/users/me/mfa/recovery-codes", "{alice}",
                        Map.of("password", password, "code", "123456")),
                new FuzzedRoute("DELETE", "/api/v1/users/me/mfa/totp", "{alice}",
                        Map.of("password", password, "code", "abcde-fghij")),
                new FuzzedRoute("PATCH", "/api/v1/users/me", "{alice}",
                        Map.of("displayName", "Alice", "avatarFileId", UUID.randomUUID().toString(), "findableByEmail", true)),
                new FuzzedRoute("POST", "/api/v1/users/me/password", "{changer}",
                        Map.of("currentPassword", password, "newPassword", newPassword)),
                new FuzzedRoute("POST", "/api/v1/users/me/email", "{mover}",
                        Map.of("newEmail", "moved@example.com", "password", password)),
                new FuzzedRoute("DELETE", "/api/v1/users/me", "{leaver}", Map.of("password", password)),
                new FuzzedRoute("PUT", "/api/v1/users/me/blocks/{target}", "{alice}", Map.of("reason", "spam")),
                new FuzzedRoute("POST", "/api/v1/users/me/contacts/requests", "{alice}", Map.of("userId", "{target}")),
                new FuzzedRoute("POST", "/api/v1/admin/users/{target}/ban", "{admin}",
                        Map.of("reason", "fuzzing the ban route", "durationHours", 1)),
                new FuzzedRoute("POST", "/api/v1/admin/users/{target}/unban", "{admin}", Map.of("reason", "done")));
    }

    /** The accounts the routes act as and on, made once: an administrator, Alice, a target, and one per change. */
    private Map<String, String> ids() throws Exception {
        if (ids.isEmpty()) {
            AuthClient client = new AuthClient(port);
            client.send("POST", "/api/v1/auth/register", null, "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\""
                    + AuthClient.PASSWORD + "\",\"displayName\":\"Fuzz Admin\"}");
            // the configured address becomes admin only once its owner follows the link mailed to it
            client.verifyEmail(mail.awaitMessageTo(ADMIN_EMAIL, Duration.ofSeconds(30)).body());
            ids.put("admin", client.loginWithSecondFactor(ADMIN_EMAIL, AuthClient.PASSWORD, new AuthClient.Devices())
                    .get("accessToken").asString());
            AuthClient.Account alice = client.newAccount("Alice");
            ids.put("alice", alice.accessToken());
            ids.put("aliceEmail", alice.email());
            ids.put("refresherRefresh", client.newAccount("Refresher").refreshToken());
            ids.put("target", client.newAccount("Target").id().toString());
            ids.put("changer", client.newAccount("Changer").accessToken());
            ids.put("mover", client.newAccount("Mover").accessToken());
            ids.put("leaver", client.newAccount("Leaver").accessToken());
        }
        return ids;
    }
}
