package io.secureconnect.chat.peer;

import java.util.Map;
import java.util.UUID;

import io.secureconnect.common.security.Caller;
import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.ChatProperties;
import io.secureconnect.common.web.ApiException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Shares an attached file into a conversation: storage-service checks that the sender may share it (their own,
 * uploaded file) and records the grant that later lets members download it. Without storage-service's yes the
 * message is refused (fail closed).
 */
@Component
public class AttachmentShares {

    private static final Logger log = LoggerFactory.getLogger(AttachmentShares.class);

    private final RestClient storage;

    AttachmentShares(ChatProperties properties) {
        this.storage = PeerClient.create(properties.storageUrl(), properties);
    }

    public void share(Caller sender, UUID fileId, UUID conversationId) {
        try {
            storage.post().uri("/internal/v1/files/{id}/shares", fileId)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + sender.accessToken())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("conversationId", conversationId, "sharedBy", sender.userId()))
                    .retrieve().toBodilessEntity();
        } catch (HttpClientErrorException e) {
            throw new ApiException(ChatErrorCode.ATTACHMENT_NOT_SHAREABLE,
                    "File " + fileId + " does not exist, is not yours, or is not uploaded completely.");
        } catch (RestClientException e) {
            log.warn("Sharing file {} with storage-service failed: {}", fileId, e.getMessage());
            throw PeerClient.unavailable("storage-service");
        }
    }
}
