package io.secureconnect.common.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.ErrorCode;

/**
 * An opaque keyset cursor: the position of the last item of a page (e.g. its time and id), as base64url text that a
 * client sends back unchanged. Only the last part may contain the separator (a newline), so free text goes last.
 * A cursor that this service did not issue is refused with the error code its API has always answered with.
 */
public final class Cursor {

    private static final String SEPARATOR = "\n";

    private final List<String> parts;
    private final ErrorCode invalid;

    private Cursor(List<String> parts, ErrorCode invalid) {
        this.parts = parts;
        this.invalid = invalid;
    }

    /** The cursor text for a position made of these parts (their {@code toString()}). */
    public static String encode(Object... parts) {
        String text = Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining(SEPARATOR));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a client sent back, or null for the first page (no cursor, or a blank one); a cursor that does not
     * decode to {@code size} parts is an {@link ApiException} with {@code invalid}, as is a part read as the wrong type.
     */
    public static Cursor decode(String cursor, int size, ErrorCode invalid) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(SEPARATOR, size);
            if (parts.length == size) {
                return new Cursor(List.of(parts), invalid);
            }
        } catch (IllegalArgumentException e) {
            // not base64url: answered below like any other cursor we did not issue
        }
        throw refused(invalid);
    }

    public String text(int index) {
        return parts.get(index);
    }

    public UUID id(int index) {
        try {
            return UUID.fromString(parts.get(index));
        } catch (IllegalArgumentException e) {
            throw refused(invalid);
        }
    }

    public Instant instant(int index) {
        try {
            return Instant.parse(parts.get(index));
        } catch (RuntimeException e) {
            throw refused(invalid);
        }
    }

    private static ApiException refused(ErrorCode invalid) {
        return new ApiException(invalid, "The cursor is not valid.");
    }
}
