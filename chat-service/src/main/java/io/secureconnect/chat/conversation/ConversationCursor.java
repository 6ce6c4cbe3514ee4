package io.secureconnect.chat.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

/** The opaque cursor of the conversation list: the position of the last conversation of the previous page. */
record ConversationCursor(Instant lastActivityAt, UUID id) {

    static ConversationCursor after(Conversation last) {
        return new ConversationCursor(last.lastActivityAt(), last.id());
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((lastActivityAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static ConversationCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new ConversationCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new ApiException(CommonErrorCode.MALFORMED_REQUEST, "The cursor is not one this service issued.");
        }
    }
}
