package io.secureconnect.storage.share;

import static io.secureconnect.storage.StorageClient.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import io.secureconnect.common.peer.CallerToken;
import io.secureconnect.common.peer.Peer;
import io.secureconnect.common.peer.PeerClients;
import io.secureconnect.common.peer.PeerDeclined;
import io.secureconnect.common.peer.PeerEndpoint;
import io.secureconnect.common.peer.storage.FileAccess;
import io.secureconnect.common.peer.storage.FileShare;
import io.secureconnect.common.peer.storage.FileSharesApi;
import io.secureconnect.common.peer.storage.ShareRequest;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.storage.StorageClient.User;
import io.secureconnect.storage.StorageIntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The typed client chat-service uses ({@link FileSharesApi}) against storage-service's real controller over HTTP:
 * every method reaches its route and every answer reads into its record, so the two cannot drift apart.
 */
class FileSharesApiContractIntegrationTest extends StorageIntegrationTest {

    private FileSharesApi files;

    @BeforeEach
    void typedClient() {
        files = PeerClients.connect(FileSharesApi.class, new PeerEndpoint(Peer.STORAGE,
                URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(10), CommonErrorCode.SERVICE_UNAVAILABLE));
    }

    @Test
    void theOwnerSharesAReadyFileSeesTheGrantAndWithdrawsIt() throws Exception {
        User owner = User.random();
        UUID id = UUID.fromString(storage.upload(owner, "shared.txt", randomBytes(10), "text/plain"));
        UUID conversation = UUID.randomUUID();

        FileShare share = files.share(token(owner), id, new ShareRequest(conversation, owner.id()));
        FileAccess access = files.access(token(owner), id, null);
        files.unshare(token(owner), id, conversation);

        assertThat(share.fileId()).isEqualTo(id);
        assertThat(share.conversationId()).isEqualTo(conversation);
        assertThat(share.sharedBy()).isEqualTo(owner.id());
        assertThat(share.sharedAt()).isNotNull();
        assertThat(access).isEqualTo(new FileAccess(id, owner.id(), "owner", null));
        assertThatThrownBy(() -> files.unshare(token(owner), id, conversation)).as("already withdrawn")
                .isInstanceOfSatisfying(PeerDeclined.class, e -> assertThat(e.status().value()).isEqualTo(404));
    }

    @Test
    void whatTheCallerMayNotDoIsTheDeclinedFourOhFour() throws Exception {
        User owner = User.random();
        User other = User.random();
        UUID id = UUID.fromString(storage.upload(owner, "mine.txt", randomBytes(10), "text/plain"));

        assertThatThrownBy(() -> files.share(token(other), id, new ShareRequest(UUID.randomUUID(), other.id())))
                .isInstanceOfSatisfying(PeerDeclined.class, e -> assertThat(e.status().value()).isEqualTo(404));
        assertThatThrownBy(() -> files.access(token(other), id, null))
                .isInstanceOfSatisfying(PeerDeclined.class, e -> assertThat(e.status().value()).isEqualTo(404));
    }

    private static CallerToken token(User user) {
        return new CallerToken(user.token());
    }
}
