package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Every route that takes the id of something a user owns or belongs to, tried by a second user through the gateway:
 * each answers 403 or 404 (never the thing, never a 5xx), and each refusal is an audit event of the service that
 * refused, found by the request's id.
 */
@SystemTest
class AuthorizationMatrixIT {

    private final SecureConnectSystem system;

    AuthorizationMatrixIT(SecureConnectSystem system) {
        this.system = system;
    }

    /** One attempt: who answers it, and how. */
    private record Attempt(Service service, String method, String path, String body) {
    }

    @Test
    void aSecondUserGetsNoneOfAnotherUsersThingsAndEveryRefusalIsAudited() {
        // given what an owner has: a group, a message, a poll, a call, a file and a session
        SignedUpUser owner = signUp("Owner");
        SignedUpUser member = signUp("Member");
        SignedUpUser stranger = signUp("Stranger");
        created(Api.postJson(system.gateway("/api/v1/conversations"), // a group takes people one already talks to
                "{\"type\":\"direct\",\"memberIds\":[\"" + member.id() + "\"]}"), owner);
        String group = created(Api.postJson(system.gateway("/api/v1/conversations"),
                "{\"type\":\"group\",\"name\":\"Private\",\"memberIds\":[\"" + member.id() + "\"]}"), owner);
        String message = created(Api.postJson(system.gateway("/api/v1/conversations/" + group + "/messages"),
                "{\"clientId\":\"matrix-1\",\"type\":\"text\",\"body\":\"for members only\"}"), owner);
        String poll = created(Api.postJson(system.gateway("/api/v1/conversations/" + group + "/polls"),
                "{\"question\":\"Where?\",\"options\":[\"Here\",\"There\"],\"multipleChoice\":false}"), owner);
        String call = created(Api.postJson(system.gateway("/api/v1/calls"),
                "{\"conversationId\":\"" + group + "\",\"media\":\"audio\"}"), owner);
        String file = created(Api.postJson(system.gateway("/api/v1/files"),
                "{\"name\":\"secret.txt\",\"size\":12,\"contentType\":\"text/plain\",\"encrypted\":false}"), owner);
        var sessions = Api.get(system.gateway("/api/v1/users/me/sessions")).bearer(owner.token()).send();
        String session = sessions.json().path("items").get(0).path("id").asString();

        List<Attempt> attempts = List.of(
                new Attempt(Service.CHAT, "GET", "/api/v1/conversations/" + group, null),
                new Attempt(Service.CHAT, "GET", "/api/v1/conversations/" + group + "/messages", null),
                new Attempt(Service.CHAT, "POST", "/api/v1/conversations/" + group + "/messages",
                        "{\"clientId\":\"intruder\",\"type\":\"text\",\"body\":\"hi\"}"),
                new Attempt(Service.CHAT, "PATCH", "/api/v1/conversations/" + group + "/messages/" + message,
                        "{\"body\":\"rewritten\"}"),
                new Attempt(Service.CHAT, "DELETE", "/api/v1/conversations/" + group + "/messages/" + message, null),
                new Attempt(Service.CHAT, "POST", "/api/v1/conversations/" + group + "/members",
                        "{\"userIds\":[\"" + stranger.id() + "\"]}"),
                new Attempt(Service.CHAT, "POST", "/api/v1/conversations/" + group + "/polls",
                        "{\"question\":\"?\",\"options\":[\"a\",\"b\"],\"multipleChoice\":false}"),
                new Attempt(Service.CHAT, "GET", "/api/v1/polls/" + poll, null),
                new Attempt(Service.CHAT, "POST", "/api/v1/polls/" + poll + "/close", null),
                new Attempt(Service.VIDEO, "GET", "/api/v1/calls/" + call, null),
                new Attempt(Service.VIDEO, "POST", "/api/v1/calls/" + call + "/end", null),
                new Attempt(Service.VIDEO, "GET", "/api/v1/turn/credentials?callId=" + call, null),
                new Attempt(Service.STORAGE, "GET", "/api/v1/files/" + file + "/download", null),
                new Attempt(Service.STORAGE, "POST", "/api/v1/files/" + file + "/complete", null),
                new Attempt(Service.STORAGE, "DELETE", "/api/v1/files/" + file, null),
                new Attempt(Service.AUTH, "DELETE", "/api/v1/users/me/sessions/" + session, null));

        // when the stranger tries each one; then each is refused and audited by the service that refused it
        for (Attempt attempt : attempts) {
            String requestId = "matrix-" + UUID.randomUUID();
            var reply = Api.request(attempt.method(), system.gateway(attempt.path()), attempt.body())
                    .bearer(stranger.token()).requestId(requestId).send();
            assertThat(reply.status()).as("%s %s: %s", attempt.method(), attempt.path(), reply).isIn(403, 404);
            assertThat(reply.body()).as("%s %s", attempt.method(), attempt.path())
                    .doesNotContain("for members only", "secret.txt");
            await(attempt.method() + " " + attempt.path() + " audited by " + attempt.service())
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(system.logs().entriesWithRequestId(
                            attempt.service().auditLogFile(), requestId))
                            .anySatisfy(event -> {
                                assertThat(event.text("result")).isEqualTo("denied");
                                assertThat(event.text("user_id")).isEqualTo(stranger.id());
                            }));
        }

        // and the owner's things are as they were
        var history = Api.get(system.gateway("/api/v1/conversations/" + group + "/messages")).bearer(member.token()).send();
        assertThat(history.json().path("items")).anySatisfy(item ->
                assertThat(item.path("body").asString()).isEqualTo("for members only"));
        assertThat(Api.get(system.gateway("/api/v1/users/me")).bearer(owner.token()).send().status()).isEqualTo(200);
    }

    private String created(Api request, SignedUpUser by) {
        var reply = request.bearer(by.token()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.member("id");
    }

    private SignedUpUser signUp(String name) {
        return SignedUpUser.signUp(system, name);
    }
}
