package io.secureconnect.auth.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthClient.Account;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The passkey routes as a browser page of {@link #ORIGIN} uses them, for tests: a passkey added in one line, a
 * passwordless sign-in in one more. The relying party is the default public URL's: {@code localhost}.
 */
final class PasskeyClient {

    static final String ORIGIN = "http://localhost:8080";

    private final AuthClient client;

    PasskeyClient(AuthClient client) {
        this.client = client;
    }

    /** The creation options, asked for with the account's password as the settings page sends it (null: none). */
    HttpResponse<String> options(Account account, String password) throws Exception {
        String body = password == null ? "{}"
                : AuthClient.JSON.createObjectNode().put("password", password).toString();
        return client.send("POST", "/api/v1/users/me/passkeys/options", account.accessToken(), body);
    }

    /** Adds a passkey made by {@code authenticator} to the account; its view as the answer shows it. */
    JsonNode register(Account account, SoftwareAuthenticator authenticator, String name) throws Exception {
        HttpResponse<String> asked = options(account, AuthClient.PASSWORD);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        JsonNode options = json(asked);
        JsonNode publicKey = options.get("publicKey");
        assertThat(publicKey.get("rp").get("id").asString()).isEqualTo("localhost");
        assertThat(publicKey.get("authenticatorSelection").get("residentKey").asString()).isEqualTo("required");
        HttpResponse<String> added = addPasskey(account, options.get("registrationId").asString(), name,
                authenticator.create(publicKey, ORIGIN));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return json(added);
    }

    HttpResponse<String> addPasskey(Account account, String registrationId, String name, JsonNode credential)
            throws Exception {
        ObjectNode body = AuthClient.JSON.createObjectNode().put("registrationId", registrationId).put("name", name);
        body.set("credential", credential);
        return client.send("POST", "/api/v1/users/me/passkeys", account.accessToken(), body.toString());
    }

    /** Asks for passwordless options, lets the authenticator answer them on a page of {@code origin}, signs in. */
    HttpResponse<String> passwordless(SoftwareAuthenticator authenticator, String origin, boolean userVerified)
            throws Exception {
        JsonNode options = passwordlessOptions();
        JsonNode allowed = options.get("publicKey").get("allowCredentials");
        assertThat(allowed == null || allowed.isEmpty()).as("a discoverable credential: nothing listed").isTrue();
        return loginWith(options.get("requestId").asString(),
                authenticator.get(options.get("publicKey"), origin, userVerified));
    }

    JsonNode passwordlessOptions() throws Exception {
        return json(client.send("POST", "/api/v1/auth/passkey/options", null, null));
    }

    HttpResponse<String> loginWith(String requestId, JsonNode credential) throws Exception {
        ObjectNode body = AuthClient.JSON.createObjectNode().put("requestId", requestId).put("deviceName", "Passkey test");
        body.set("credential", credential);
        return client.send("POST", "/api/v1/auth/passkey/login", null, body.toString());
    }

    List<String> names(Account account) throws Exception {
        return get("/api/v1/users/me/passkeys", account.accessToken()).get("items").values().stream()
                .map(passkey -> passkey.get("name").asString()).toList();
    }

    JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> response = client.send("GET", path, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    static JsonNode json(HttpResponse<String> response) {
        return AuthClient.JSON.readTree(response.body());
    }

    /** The claims of an access token, read without checking it (the service under test made it). */
    static JsonNode claims(String jwt) {
        return AuthClient.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                StandardCharsets.UTF_8));
    }

    static List<String> amr(String jwt) {
        return claims(jwt).get("amr").values().stream().map(JsonNode::asString).toList();
    }
}
