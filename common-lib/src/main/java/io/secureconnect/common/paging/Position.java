package io.secureconnect.common.paging;

import java.time.Instant;
import java.util.UUID;

import io.secureconnect.common.web.CommonErrorCode;

/**
 * Where a page of a list ordered by a time and then an id ended (conversations by last activity, search results and
 * audit events by time): the cursor of the next page, which continues after it.
 */
public record Position(Instant at, UUID id) {

    public String encode() {
        return Cursor.encode(at, id);
    }

    /** The position a client sent back, or null for the first page; anything else is a 400 MALFORMED_REQUEST. */
    public static Position decode(String cursor) {
        Cursor position = Cursor.decode(cursor, 2, CommonErrorCode.MALFORMED_REQUEST);
        return position == null ? null : new Position(position.instant(0), position.id(1));
    }
}
