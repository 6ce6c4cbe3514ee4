package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

/** A user who registered and logged in through the gateway, as any client would: their id, email and access token. */
record SignedUpUser(String id, String email, String token) {

    static final String PASSWORD = "correct horse battery staple";

    static SignedUpUser signUp(SecureConnectSystem system, String name) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
        var registered = Api.postJson(system.gateway("/api/v1/auth/register"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"" + name + "\"}").send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        VerificationMail.follow(system, email); // S9: only a verified address may chat
        return new SignedUpUser(registered.member("id"), email, logIn(system, email));
    }

    /** Logs the user in once more (another device: another session); that session's access token. */
    static String logIn(SecureConnectSystem system, SignedUpUser user) {
        return logIn(system, user.email());
    }

    private static String logIn(SecureConnectSystem system, String email) {
        var login = Api.postJson(system.gateway("/api/v1/auth/login"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").send();
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.member("accessToken");
    }
}
