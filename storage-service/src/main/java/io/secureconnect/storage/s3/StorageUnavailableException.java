package io.secureconnect.storage.s3;

import java.util.Map;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.storage.StorageErrorCode;

/** S3 cannot be reached or refused to work (or its circuit breaker is open): a 503 with Retry-After. */
public final class StorageUnavailableException extends ApiException {

    StorageUnavailableException() {
        super(StorageErrorCode.STORAGE_UNAVAILABLE, "File storage is unavailable right now; please try again shortly.",
                Map.of(RETRY_AFTER, 5));
    }
}
