package io.secureconnect.storage;

import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The error codes storage-service answers with, beyond the common ones. */
public enum StorageErrorCode implements ErrorCode {
    QUOTA_EXCEEDED(HttpStatus.CONTENT_TOO_LARGE, "Storage quota exceeded"),
    FILE_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "File too large"),
    CONTENT_TYPE_NOT_ALLOWED(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content type not allowed"),
    SIZE_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, "Uploaded size differs from the declared size"),
    CHECKSUM_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, "Uploaded bytes differ from the declared checksum"),
    UPLOAD_INCOMPLETE(HttpStatus.CONFLICT, "Upload not finished"),
    FILE_NOT_READY(HttpStatus.CONFLICT, "File upload not completed"),
    STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Object storage unavailable"),
    ACCESS_CHECK_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Access cannot be checked right now");

    private final ProblemType type;

    StorageErrorCode(HttpStatus status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
