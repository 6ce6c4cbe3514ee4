package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Attacks replayed through the gateway with real tokens, each asserting the refusal a user relies on. The test
 * client stands where a load balancer in front of the gateway stands (a trusted proxy of the gateway), so it can
 * speak for clients at many addresses, as the internet does.
 */
@SystemTest
class SecurityIT {

    private static final String PASSWORD = "correct horse battery staple";
    /** auth-service refuses an address after this many failed logins within its window (its default). */
    private static final int FAILURES_THAT_BLOCK_AN_ADDRESS = 30;

    private final SecureConnectSystem system;

    SecurityIT(SecureConnectSystem system) {
        this.system = system;
    }

    /** S1: the services see each client's own address, so one attacker's failures lock out nobody else. */
    @Test
    void failedLoginsFromOneAddressLockOutThatAddressAndNoOtherUser() {
        // given a user, and an attacker at one address who fails more logins than an address may
        String email = register("victim");
        String attacker = "198.51.100.7";
        for (int i = 0; i <= FAILURES_THAT_BLOCK_AN_ADDRESS; i++) {
            var failed = login("nobody-" + UUID.randomUUID() + "@example.com", "wrong password " + i, attacker);
            assertThat(failed.status()).as(failed.toString()).isIn(401, 429);
        }

        // when the user logs in from another address, and the attacker's address tries the right password
        var fromElsewhere = login(email, PASSWORD, "203.0.113.9");
        var fromTheAttacker = login(email, PASSWORD, attacker);

        // then the user is in, and only the attacker's address is refused
        assertThat(fromElsewhere.status()).as(fromElsewhere.toString()).isEqualTo(200);
        assertThat(fromTheAttacker.status()).as(fromTheAttacker.toString()).isEqualTo(429);
        assertThat(fromTheAttacker.member("code")).isEqualTo("AUTH_LOCKED");
    }

    /** S1: failures spread over many client addresses lock out no user they did not aim at. */
    @Test
    void failedLoginsFromManyAddressesLockOutNoOtherUser() {
        String email = register("bystander");
        for (int i = 0; i <= FAILURES_THAT_BLOCK_AN_ADDRESS + 10; i++) {
            var failed = login("nobody-" + UUID.randomUUID() + "@example.com", "wrong password " + i, "198.51.100." + (i + 10));
            assertThat(failed.status()).as(failed.toString()).isIn(401, 429);
        }

        var bystander = login(email, PASSWORD, "203.0.113.77");

        assertThat(bystander.status()).as(bystander.toString()).isEqualTo(200);
    }

    /** S1: the session list names the address the client came from, not the gateway's. */
    @Test
    void theSessionListShowsTheClientsAddress() {
        String email = register("sessions");
        var login = login(email, PASSWORD, "192.0.2.44");
        assertThat(login.status()).as(login.toString()).isEqualTo(200);

        var sessions = Api.get(system.gateway("/api/v1/users/me/sessions")).bearer(login.member("accessToken")).send();

        assertThat(sessions.status()).as(sessions.toString()).isEqualTo(200);
        assertThat(sessions.json().get("items").get(0).get("ip").asString()).isEqualTo("192.0.2.44");
    }

    private String register(String name) {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        var registered = Api.postJson(system.gateway("/api/v1/auth/register"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"" + name + "\"}").send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return email;
    }

    private Api.Reply login(String email, String password, String clientAddress) {
        return Api.postJson(system.gateway("/api/v1/auth/login"),
                        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                .header("X-Forwarded-For", clientAddress).send();
    }
}
