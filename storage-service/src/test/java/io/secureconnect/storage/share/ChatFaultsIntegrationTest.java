package io.secureconnect.storage.share;

import static io.secureconnect.storage.StorageClient.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.storage.StorageClient;
import io.secureconnect.storage.StorageClient.User;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;
import io.secureconnect.testsupport.s3.WithS3;
import io.secureconnect.testsupport.peer.FaultyPeer;
import io.secureconnect.testsupport.peer.FaultyPeer.Fault;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * When chat-service answers a membership question badly (JSON that does not parse, a 200 where 204 is the answer,
 * a 500, nothing at all), a download through a conversation is refused with 503, never allowed. The breaker is
 * set not to open here, so that each kind of bad answer is what refuses.
 */
@WithPostgres
@WithRedis
@WithTestJwks
@WithS3
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "secureconnect.storage.s3.bucket=files-chat-faults")
class ChatFaultsIntegrationTest {

    private static final FaultyPeer chat = FaultyPeer.start();

    @LocalServerPort
    int port;

    private StorageClient storage;

    @BeforeEach
    void client() {
        storage = new StorageClient(port);
    }

    @DynamicPropertySource
    static void faultyChat(DynamicPropertyRegistry registry) {
        registry.add("secureconnect.storage.chat.url", chat::url);
        registry.add("resilience4j.circuitbreaker.instances.chat.minimum-number-of-calls", () -> "1000");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aBadMembershipAnswerRefusesTheDownload(Fault fault) throws Exception {
        User owner = User.random();
        User member = User.random();
        String id = storage.upload(owner, "shared.txt", randomBytes(20), "text/plain");
        assertThat(storage.send("POST", "/internal/v1/files/" + id + "/shares", owner, StorageClient.JSON
                .writeValueAsString(Map.of("conversationId", UUID.randomUUID(), "sharedBy", owner.id())))
                .statusCode()).isEqualTo(201);
        chat.answer(fault);

        HttpResponse<String> download = storage.download(member, id);

        assertThat(download.statusCode()).isEqualTo(503);
        assertThat(download.body()).contains("\"code\":\"ACCESS_CHECK_UNAVAILABLE\"");
        assertThat(chat.requests()).last().satisfies(asked ->
                assertThat(asked.authorization()).isEqualTo("Bearer " + member.token()));
    }
}
