package io.secureconnect.chat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

/**
 * An opaque cursor for lists ordered newest first by a time and then an id (conversations by last activity,
 * search results by time): the position of the last item of the previous page.
 */
public record PositionCursor(Instant at, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back, or null for the first page; anything else is a 400. */
    public static PositionCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new PositionCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new ApiException(CommonErrorCode.MALFORMED_REQUEST, "The cursor is not one this service issued.");
        }
    }
}
