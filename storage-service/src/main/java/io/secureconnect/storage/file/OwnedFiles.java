package io.secureconnect.storage.file;

import java.util.List;
import java.util.UUID;

import io.secureconnect.common.paging.Cursor;
import io.secureconnect.common.paging.Page;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.stereotype.Service;

/** A user's own files: one by id, or a page of them. Someone else's file is the same 404 as a missing one. */
@Service
class OwnedFiles {

    private final FileRepository files;

    OwnedFiles(FileRepository files) {
        this.files = files;
    }

    StoredFile one(UUID owner, UUID id) {
        return files.find(id).filter(f -> f.ownedBy(owner))
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "No such file."));
    }

    /** {@code cursor} is the previous page's {@code nextCursor}; one that does not decode is VALIDATION_FAILED. */
    Page<StoredFile> page(UUID owner, String cursor, int limit) {
        Cursor after = Cursor.decode(cursor, 1, CommonErrorCode.VALIDATION_FAILED);
        List<StoredFile> fetched = files.ownedBy(owner, after == null ? null : after.id(0), limit + 1);
        return Page.of(fetched, limit, file -> Cursor.encode(file.id()));
    }
}
