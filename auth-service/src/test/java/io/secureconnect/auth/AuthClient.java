package io.secureconnect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.totp.TotpCodes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A test client of auth-service over real HTTP: accounts in one line, then plain requests with a token. */
public final class AuthClient {

    public static final String PASSWORD = "correct horse battery staple";
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern VERIFICATION_LINK = Pattern.compile("verify-email\\?token=([A-Za-z0-9_-]+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public AuthClient(int port) {
        this.port = port;
    }

    /** A registered, logged-in user. */
    public record Account(String email, UUID id, String accessToken, String refreshToken) {
    }

    public Account newAccount(String displayName) throws Exception {
        JsonNode user = register(displayName);
        String email = user.get("email").asString();
        JsonNode tokens = login(email, PASSWORD);
        return new Account(email, UUID.fromString(user.get("id").asString()),
                tokens.get("accessToken").asString(), tokens.get("refreshToken").asString());
    }

    /**
     * A registered, logged-in user whose email was verified through the mailed link, as a second factor needs
     * (docs/identity.md, TOTP).
     */
    public Account newVerifiedAccount(String displayName, TestMailServer mail) throws Exception {
        JsonNode user = register(displayName);
        String email = user.get("email").asString();
        verifyEmail(mail.awaitMessageTo(email, Duration.ofSeconds(30)).body());
        JsonNode tokens = login(email, PASSWORD);
        return new Account(email, UUID.fromString(user.get("id").asString()),
                tokens.get("accessToken").asString(), tokens.get("refreshToken").asString());
    }

    /** Registers a new account with {@link #PASSWORD} and returns its profile; no session is opened. */
    public JsonNode register(String displayName) throws Exception {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = send("POST", "/api/v1/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"" + displayName + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return JSON.readTree(registered.body());
    }

    public JsonNode login(String email, String password) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /**
     * Turns TOTP on for the signed-in user, as the web client does (enrol, then confirm with a first code): the
     * authenticator that now holds the secret, and the recovery codes.
     */
    public TotpEnrolment enrolTotp(String accessToken) throws Exception {
        HttpResponse<String> started = send("POST", "/api/v1/users/me/mfa/totp", accessToken, null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        TotpCodes.Device device = new TotpCodes.Device(JSON.readTree(started.body()).get("secret").asString());
        HttpResponse<String> confirmed = send("POST", "/api/v1/users/me/mfa/totp/confirm", accessToken,
                "{\"code\":\"" + device.nextCode() + "\"}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        JSON.readTree(confirmed.body()).get("recoveryCodes").forEach(code -> codes.add(code.asString()));
        return new TotpEnrolment(device, codes);
    }

    public record TotpEnrolment(TotpCodes.Device device, List<String> recoveryCodes) {
    }

    /**
     * Logs in with the password and, when asked, the next code of {@code device}: the token shape. An account that
     * policy requires a second factor of but has none (an administrator's first login) enrols TOTP on the way;
     * {@code devices} keeps its authenticator for the next logins.
     */
    public JsonNode loginWithSecondFactor(String email, String password, Devices devices) throws Exception {
        JsonNode answer = login(email, password);
        if (answer.path("mfaEnrolmentRequired").asBoolean(false)) {
            devices.put(email, enrolTotp(answer.get("accessToken").asString()).device());
            answer = login(email, password);
        }
        if (!answer.path("mfaRequired").asBoolean(false)) {
            return answer;
        }
        TotpCodes.Device device = devices.get(email);
        assertThat(device).as("no authenticator for " + email).isNotNull();
        HttpResponse<String> verified = send("POST", "/api/v1/auth/mfa/verify", null, "{\"mfaToken\":\""
                + answer.get("mfaToken").asString() + "\",\"code\":\"" + device.nextCode() + "\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        return JSON.readTree(verified.body());
    }

    /** The authenticators a test's accounts enrolled, by email. */
    public static final class Devices extends java.util.concurrent.ConcurrentHashMap<String, TotpCodes.Device> {
    }

    /** Follows the verification link in a mail's body, as its recipient would. */
    public void verifyEmail(String mailBody) throws Exception {
        Matcher link = VERIFICATION_LINK.matcher(mailBody);
        assertThat(link.find()).as(mailBody).isTrue();
        HttpResponse<String> verified = send("POST", "/api/v1/auth/verify-email", null,
                "{\"token\":\"" + link.group(1) + "\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(204);
    }

    public HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
