package io.secureconnect.storage.file;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.secureconnect.common.paging.Page;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.storage.s3.PresignedUrl;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The file API: announce an upload (get presigned URLs), complete it, download, delete, list. The bytes never pass
 * through this service; clients send them to S3 directly.
 */
@RestController
@Validated
@RequestMapping("/api/v1/files")
class FileController {

    private final Uploads uploads;
    private final Downloads downloads;
    private final FileDeletion deletion;
    private final OwnedFiles owned;

    FileController(Uploads uploads, Downloads downloads, FileDeletion deletion, OwnedFiles owned) {
        this.uploads = uploads;
        this.downloads = downloads;
        this.deletion = deletion;
        this.owned = owned;
    }

    record DownloadLink(String url, Instant expiresAt) {
    }

    /** A retried announcement with the same {@code Idempotency-Key} gets the same file id and fresh URLs. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UploadTicket announce(@Valid @RequestBody UploadRequest request,
                          @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                          Caller caller) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 128)) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "Idempotency-Key must be 1-128 characters.");
        }
        return uploads.announce(caller.userId(), request, idempotencyKey);
    }

    @PostMapping("/{id}/complete")
    FileView complete(@PathVariable UUID id, Caller caller) {
        return FileView.of(uploads.complete(caller.userId(), id));
    }

    @GetMapping("/{id}/download")
    DownloadLink download(@PathVariable UUID id, Caller caller) {
        PresignedUrl url = downloads.download(caller.userId(), id, caller.accessToken());
        return new DownloadLink(url.url(), url.expiresAt());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Caller caller) {
        deletion.deleteByOwner(caller.userId(), id);
    }

    @GetMapping("/{id}")
    FileView metadata(@PathVariable UUID id, Caller caller) {
        return FileView.of(owned.one(caller.userId(), id));
    }

    @GetMapping
    Page<FileView> list(@RequestParam(required = false) String cursor,
                  @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
                  Caller caller) {
        return owned.page(caller.userId(), cursor, limit).map(FileView::of);
    }
}
