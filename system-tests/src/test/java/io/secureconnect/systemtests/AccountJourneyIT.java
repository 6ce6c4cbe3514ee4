package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * A new user's first minutes, entirely through the gateway with real tokens from auth-service: register, log in,
 * use another service, refresh, log out, and find the token dead at every service, not only at auth.
 */
@SystemTest
class AccountJourneyIT {

    private static final String PASSWORD = "correct horse battery staple";

    private final SecureConnectSystem system;

    AccountJourneyIT(SecureConnectSystem system) {
        this.system = system;
    }

    @Test
    void registerLoginRefreshAndLogoutWorkAcrossServices() {
        // given a registered user who logs in through the gateway
        String email = "journey-" + UUID.randomUUID() + "@example.com";
        var registered = Api.postJson(system.gateway("/api/v1/auth/register"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Journey\"}").send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        var login = Api.postJson(system.gateway("/api/v1/auth/login"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").send();
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String access = login.member("accessToken");

        // when the token is used at auth and at another service
        var me = Api.get(system.gateway("/api/v1/users/me")).bearer(access).send();
        var chat = Api.get(system.gateway("/api/v1/conversations")).bearer(access).send();

        // then both accept it
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.member("email")).isEqualTo(email);
        assertThat(chat.status()).as(chat.toString()).isEqualTo(200);

        // when the session is refreshed and then logged out
        var refreshed = Api.postJson(system.gateway("/api/v1/auth/refresh"),
                "{\"refreshToken\":\"" + login.member("refreshToken") + "\"}").send();
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String current = refreshed.member("accessToken");
        var logout = Api.postJson(system.gateway("/api/v1/auth/logout"), "").bearer(current).send();
        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);

        // then every token of that session is refused by auth and by chat alike
        for (String token : new String[] {access, current}) {
            assertThat(Api.get(system.gateway("/api/v1/users/me")).bearer(token).send().status()).isEqualTo(401);
            var refused = Api.get(system.gateway("/api/v1/conversations")).bearer(token).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.member("code")).isEqualTo("UNAUTHENTICATED");
        }
    }

    /**
     * S9: anyone can register someone else's address, so until the mailed link is followed the account reads but
     * does not chat; after it, a refreshed token says so and chat lets it write.
     */
    @Test
    void anUnverifiedUserReadsButChatsOnlyOnceTheMailedLinkIsFollowed() {
        // given a user who registered but has not opened the verification mail, and someone to write to
        var peer = SignedUpUser.signUp(system, "Peer");
        String email = "unverified-" + UUID.randomUUID() + "@example.com";
        var registered = Api.postJson(system.gateway("/api/v1/auth/register"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Newcomer\"}").send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        var login = Api.postJson(system.gateway("/api/v1/auth/login"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").send();
        String unverified = login.member("accessToken");
        String directWithPeer = "{\"type\":\"direct\",\"memberIds\":[\"" + peer.id() + "\"]}";

        // when they try to start a conversation, then chat refuses with a stable code, while reading works
        var refused = Api.postJson(system.gateway("/api/v1/conversations"), directWithPeer).bearer(unverified).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.member("code")).isEqualTo("EMAIL_NOT_VERIFIED");
        assertThat(Api.get(system.gateway("/api/v1/conversations")).bearer(unverified).send().status()).isEqualTo(200);
        assertThat(Api.get(system.gateway("/api/v1/users/" + registered.member("id"))).bearer(peer.token()).send()
                .json().get("emailVerified").asBoolean()).as("others see the address is unproven").isFalse();

        // when they follow the mailed link and refresh their session
        VerificationMail.follow(system, email);
        var refreshed = Api.postJson(system.gateway("/api/v1/auth/refresh"),
                "{\"refreshToken\":\"" + login.member("refreshToken") + "\"}").send();
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String verified = refreshed.member("accessToken");

        // then the new token may chat
        var me = Api.get(system.gateway("/api/v1/users/me")).bearer(verified).send();
        assertThat(me.json().get("emailVerified").asBoolean()).isTrue();
        var created = Api.postJson(system.gateway("/api/v1/conversations"), directWithPeer).bearer(verified).send();
        assertThat(created.status()).as(created.toString()).isIn(200, 201);
    }
}
