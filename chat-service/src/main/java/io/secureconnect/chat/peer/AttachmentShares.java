package io.secureconnect.chat.peer;

import java.util.UUID;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.common.peer.CallerToken;
import io.secureconnect.common.peer.PeerDeclined;
import io.secureconnect.common.peer.storage.FileSharesApi;
import io.secureconnect.common.peer.storage.ShareRequest;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Component;

/**
 * Shares an attached file into a conversation: storage-service checks that the sender may share it (their own,
 * uploaded file) and records the grant that later lets members download it. Without storage-service's yes the
 * message is refused (fail closed): a 4xx means the file may not be shared, anything else is {@code PEER_UNAVAILABLE}.
 */
@Component
public class AttachmentShares {

    private final FileSharesApi storage;

    AttachmentShares(FileSharesApi storage) {
        this.storage = storage;
    }

    public void share(Caller sender, UUID fileId, UUID conversationId) {
        try {
            storage.share(new CallerToken(sender.accessToken()), fileId, new ShareRequest(conversationId, sender.userId()));
        } catch (PeerDeclined e) {
            throw new ApiException(ChatErrorCode.ATTACHMENT_NOT_SHAREABLE,
                    "File " + fileId + " does not exist, is not yours, or is not uploaded completely.");
        }
    }
}
