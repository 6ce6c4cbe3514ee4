package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.UUID;

import io.secureconnect.testsupport.mls.MlsTestClient;
import io.secureconnect.testsupport.websocket.TestSocket;

import org.junit.jupiter.api.Test;

/**
 * Issue 18's attacks replayed through the gateway with real tokens, each asserting the refusal a user relies on
 * (the S-number names the finding). With {@link SecurityIT} this is the security regression suite.
 */
@SystemTest
class SecurityAttacksIT {

    private static final Duration REVOCATION_REACHES_SOCKETS = Duration.ofSeconds(2);

    private final SecureConnectSystem system;

    SecurityAttacksIT(SecureConnectSystem system) {
        this.system = system;
    }

    /**
     * S18: signing a session out closes its open socket within two seconds, and the gateway refuses the session's
     * token on REST within as long, though it had accepted (and remembered) that token just before; the user's other
     * sessions stay.
     */
    @Test
    void aRevokedSessionsSocketIsClosedWithinTwoSeconds() throws Exception {
        var ann = SignedUpUser.signUp(system, "Ann");
        String laptop = SignedUpUser.logIn(system, ann);
        try (var phoneSocket = chatSocket(ann.token()); var laptopSocket = chatSocket(laptop)) {
            phoneSocket.next("ready");
            laptopSocket.next("ready");
            assertThat(profileStatus(ann.token())).isEqualTo(200);

            revoke(sessionOf(ann.token()), laptop);

            assertThat(phoneSocket.awaitClose(REVOCATION_REACHES_SOCKETS)).isEqualTo(4401);
            await("the revoked token refused on REST").atMost(REVOCATION_REACHES_SOCKETS)
                    .pollInterval(Duration.ofMillis(50)).until(() -> profileStatus(ann.token()), status -> status == 401);
            assertThat(laptopSocket.isClosed()).isFalse();
            assertThat(profileStatus(laptop)).isEqualTo(200);
        }
    }

    private int profileStatus(String token) {
        return Api.get(system.gateway("/api/v1/users/me")).bearer(token).send().status();
    }

    /** S18 with Redis down: the services ask auth-service instead, and the socket still closes within two seconds. */
    @Test
    void aRevokedSessionsSocketIsClosedWithinTwoSecondsWhileRedisIsDown() throws Exception {
        var ann = SignedUpUser.signUp(system, "Ann");
        String laptop = SignedUpUser.logIn(system, ann);
        try (var phoneSocket = chatSocket(ann.token()); var laptopSocket = chatSocket(laptop)) {
            phoneSocket.next("ready");
            laptopSocket.next("ready");
            system.stopRedis();
            awaitRedisMode(EnumSet.of(Service.CHAT, Service.AUTH), 1);

            revoke(sessionOf(ann.token()), laptop);

            assertThat(phoneSocket.awaitClose(REVOCATION_REACHES_SOCKETS)).isEqualTo(4401);
            assertThat(laptopSocket.isClosed()).isFalse();
        } finally {
            system.startRedis();
            awaitRedisMode(EnumSet.allOf(Service.class), 0);
        }
    }

    /** S4: someone who was blocked cannot pull the blocker into a group, new or theirs. */
    @Test
    void aBlockedUserCannotPutTheBlockerInAGroup() {
        var ann = SignedUpUser.signUp(system, "Ann");
        var bob = SignedUpUser.signUp(system, "Bob");
        var carol = SignedUpUser.signUp(system, "Carol");
        assertThat(send("PUT", "/api/v1/users/me/blocks/" + bob.id(), "{}", ann).status()).isEqualTo(204);
        send("POST", "/api/v1/conversations", "{\"type\":\"direct\",\"memberIds\":[\"" + carol.id() + "\"]}", bob);

        var newGroup = send("POST", "/api/v1/conversations",
                "{\"type\":\"group\",\"name\":\"Trap\",\"memberIds\":[\"" + ann.id() + "\",\"" + carol.id() + "\"]}", bob);
        String bobsGroup = send("POST", "/api/v1/conversations",
                "{\"type\":\"group\",\"name\":\"Bob's\",\"memberIds\":[\"" + carol.id() + "\"]}", bob).member("id");
        var added = send("POST", "/api/v1/conversations/" + bobsGroup + "/members",
                "{\"userIds\":[\"" + ann.id() + "\"]}", bob);

        assertThat(newGroup.status()).as(newGroup.toString()).isEqualTo(403);
        assertThat(newGroup.member("code")).isEqualTo("USER_BLOCKED");
        assertThat(added.status()).as(added.toString()).isEqualTo(403);
        assertThat(added.member("code")).isEqualTo("USER_BLOCKED");
    }

    /**
     * S6 and S7: a stranger learns nothing of a user's presence, sees none of their MLS devices, and cannot claim
     * (use up) their KeyPackages, not even through an e2ee conversation of the stranger's own.
     */
    @Test
    void aStrangerGetsNeitherPresenceNorKeys() {
        var ann = SignedUpUser.signUp(system, "Ann");
        var stranger = SignedUpUser.signUp(system, "Stranger");
        var strangersFriend = SignedUpUser.signUp(system, "Friend");
        try (var mls = MlsTestClient.start()) {
            byte[] signatureKey = mls.newDevice("ann-phone");
            var device = send("PUT", "/api/v1/keys/devices/phone",
                    "{\"signatureKey\":\"" + Base64.getEncoder().encodeToString(signatureKey) + "\"}", ann);
            assertThat(device.status()).as(device.toString()).isEqualTo(200);
            byte[] credential = device.member("credential").getBytes(StandardCharsets.UTF_8);
            String keyPackage = mls.keyPackages("ann-phone", credential, 1, false).keyPackages().getFirst();
            var upload = send("POST", "/api/v1/keys/devices/phone/key-packages",
                    "{\"keyPackages\":[\"" + keyPackage + "\"]}", ann);
            assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        }
        var strangersChat = send("POST", "/api/v1/conversations", "{\"type\":\"direct\",\"e2ee\":true,"
                + "\"memberIds\":[\"" + strangersFriend.id() + "\"]}", stranger);
        assertThat(strangersChat.status()).as(strangersChat.toString()).isEqualTo(201);
        String strangersGroup = strangersChat.member("id");

        var presence = send("GET", "/api/v1/presence?userIds=" + ann.id(), null, stranger);
        var devices = send("GET", "/api/v1/keys/users/" + ann.id(), null, stranger);
        var claim = send("POST", "/api/v1/keys/key-packages/claim", "{\"conversationId\":\"" + strangersGroup
                + "\",\"userIds\":[\"" + ann.id() + "\"]}", stranger);

        assertThat(presence.status()).isEqualTo(200);
        assertThat(presence.json().path("items").valueStream().map(item -> item.path("userId").asString()))
                .doesNotContain(ann.id());
        assertThat(devices.status()).as(devices.toString()).isEqualTo(404);
        assertThat(claim.status()).as(claim.toString()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/keys/devices/phone", null, ann).json().path("keyPackages").asInt())
                .as("the KeyPackage is still there").isEqualTo(1);
    }

    /** S10: once the message carrying a file is deleted, the other members can no longer download it. */
    @Test
    void anAttachmentIsNoLongerDownloadableOnceItsMessageIsDeleted() {
        var ann = SignedUpUser.signUp(system, "Ann");
        var bob = SignedUpUser.signUp(system, "Bob");
        String chat = send("POST", "/api/v1/conversations", "{\"type\":\"direct\",\"memberIds\":[\"" + bob.id() + "\"]}", ann)
                .member("id");
        String file = StoredFiles.upload(system, ann, "note.txt", "for Bob only".getBytes(StandardCharsets.UTF_8));
        var sent = send("POST", "/api/v1/conversations/" + chat + "/messages", "{\"clientId\":\"with-file\","
                + "\"type\":\"attachment\",\"body\":\"see attached\",\"attachments\":[\"" + file + "\"]}", ann);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(send("GET", "/api/v1/files/" + file + "/download", null, bob).status()).isEqualTo(200);

        var deleted = send("DELETE", "/api/v1/conversations/" + chat + "/messages/" + sent.member("id"), null, ann);
        var download = send("GET", "/api/v1/files/" + file + "/download", null, bob);

        assertThat(deleted.status()).as(deleted.toString()).isIn(200, 204);
        assertThat(download.status()).as(download.toString()).isEqualTo(404);
    }

    /** S17: what users search for is nowhere in what the services write to their logs. */
    @Test
    void searchTermsStayOutOfTheLogs() throws Exception {
        var ann = SignedUpUser.signUp(system, "Ann");
        String term = "zebra" + UUID.randomUUID().toString().replace("-", "");
        String requestId = "search-" + UUID.randomUUID();

        var search = Api.get(system.gateway("/api/v1/search/messages?q=" + term)).bearer(ann.token()).requestId(requestId).send();
        assertThat(search.status()).as(search.toString()).isEqualTo(200);

        var logs = system.logs();
        await("the gateway's access log line").atMost(Duration.ofSeconds(10))
                .until(() -> logs.entriesWithRequestId(Service.GATEWAY.logFile(), requestId), lines -> !lines.isEmpty());
        for (Path file : system.filesWrittenByServices()) {
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString()).doesNotContain(term);
        }
    }

    /** S3: a bearer token does not move the password-reset route off the strict per-address budget. */
    @Test
    void aTokenDoesNotRaiseThePasswordResetBudget() {
        var ann = SignedUpUser.signUp(system, "Ann");
        String address = "198.51.100." + (1 + (int) (Math.random() * 250));
        String body = "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.com\"}";

        var anonymous = Api.postJson(system.gateway("/api/v1/auth/password-reset/request"), body)
                .header("X-Forwarded-For", address).send();
        var withToken = Api.postJson(system.gateway("/api/v1/auth/password-reset/request"), body)
                .header("X-Forwarded-For", address).bearer(ann.token()).send();

        var elsewhere = send("GET", "/api/v1/users/me", null, ann);

        assertThat(withToken.status()).as(withToken.toString()).isEqualTo(202);
        assertThat(limit(withToken)).as("the strict per-address budget, as without a token").isEqualTo(limit(anonymous));
        assertThat(limit(elsewhere)).as("the user's own budget elsewhere: a different one").isNotEqualTo(limit(anonymous));
    }

    /** S14: once a password was reset with the newest link, an older reset link mailed before it is refused. */
    @Test
    void anOlderResetLinkIsRefusedOnceThePasswordWasReset() {
        var ann = SignedUpUser.signUp(system, "Ann");
        String body = "{\"email\":\"" + ann.email() + "\"}";
        for (int i = 0; i < 2; i++) {
            var requested = Api.postJson(system.gateway("/api/v1/auth/password-reset/request"), body).send();
            assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        }
        var links = VerificationMail.awaitTokens(ann.email(), "reset-password", 2);

        var reset = confirmReset(links.getLast(), "a brand new passphrase 1");
        var older = confirmReset(links.getFirst(), "the attacker's passphrase");

        assertThat(reset.status()).as(reset.toString()).isEqualTo(204);
        assertThat(older.status()).as(older.toString()).isEqualTo(400);
        assertThat(Api.get(system.gateway("/api/v1/users/me")).bearer(ann.token()).send().status())
                .as("the reset ended every session").isEqualTo(401);
    }

    private Api.Reply confirmReset(String token, String newPassword) {
        return Api.postJson(system.gateway("/api/v1/auth/password-reset/confirm"),
                "{\"token\":\"" + token + "\",\"newPassword\":\"" + newPassword + "\"}").send();
    }

    private static long limit(Api.Reply reply) {
        return Long.parseLong(reply.headers().firstValue("RateLimit-Limit").orElseThrow());
    }

    private TestSocket chatSocket(String token) {
        return TestSocket.connect(system.gatewaySocket("/ws/chat"), token);
    }

    private void revoke(String session, String withToken) {
        var revoked = Api.request("DELETE", system.gateway("/api/v1/users/me/sessions/" + session), null)
                .bearer(withToken).send();
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
    }

    private static String sessionOf(String accessToken) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        var matcher = java.util.regex.Pattern.compile("\"sid\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        assertThat(matcher.find()).as("the token names its session").isTrue();
        return matcher.group(1);
    }

    /** Waits until every one of the services reports {@code redis_degraded_mode} {@code mode} (1 degraded, 0 healthy). */
    private void awaitRedisMode(EnumSet<Service> services, int mode) {
        for (Service service : services) {
            await(service + " redis_degraded_mode " + mode).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Api.get(system.service(service, "/metrics")).send().body(),
                            metrics -> metrics.matches("(?s).*\\nredis_degraded_mode\\{[^}]*} " + mode + "\\.0\\n.*"));
        }
    }

    private Api.Reply send(String method, String path, String json, SignedUpUser as) {
        return Api.request(method, system.gateway(path), json).bearer(as.token()).send();
    }
}
