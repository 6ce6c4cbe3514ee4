package io.secureconnect.storage.file;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.paging.Page;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.storage.s3.PresignedUrl;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Files", description = "Upload, download, list and delete your files. The bytes never pass through this"
        + " API: announce an upload (`announceUpload`) to get presigned S3 URLs, PUT the bytes to them, then"
        + " `completeUpload`; `getDownloadUrl` gives a presigned URL to GET them.")
class FileController {

    private static final String FILE_ID = "The file's id";
    private static final String FILE_ID_EXAMPLE = "0190f3b4-6c5d-7e8f-9a0b-1c2d3e4f5a6b";

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

    record DownloadLink(
            @Schema(description = "A presigned S3 URL: GET it, without the bearer token",
                    example = "https://files.example.com/secureconnect/0190f39f-1a2b-7c3d-8e4f-5a6b7c8d9e0f/"
                            + "0190f3b4-6c5d-7e8f-9a0b-1c2d3e4f5a6b?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=3f1c")
            String url,
            @Schema(description = "The URL works until then", example = "2026-12-07T20:20:00Z") Instant expiresAt) {
    }

    /** A retried announcement with the same {@code Idempotency-Key} gets the same file id and fresh URLs. */
    // S3 is asked before anything is promised (STORAGE_UNAVAILABLE); CONFLICT when the key's upload was completed
    @Operation(operationId = "announceUpload", summary = "Announce an upload and get its presigned URLs",
            description = "Reserves the file's size in your quota and answers where to PUT the bytes: a small file"
                    + " goes to `uploadUrl` in one PUT of exactly `size` bytes with `uploadHeaders`; a large one"
                    + " (`multipart`) PUTs each part to its own URL. Then call `completeUpload` before the URLs"
                    + " expire; an upload never completed is removed later and its reservation freed.")
    @ApiResponse(responseCode = "201", description = "The file's id and where to upload its bytes")
    @ApiErrors({"FILE_TOO_LARGE", "QUOTA_EXCEEDED", "CONTENT_TYPE_NOT_ALLOWED", "CONFLICT", "STORAGE_UNAVAILABLE"})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UploadTicket announce(@Valid @RequestBody UploadRequest request,
                          @Parameter(description = "1-128 characters of your choice: an announcement retried with the"
                                  + " same key gets the same file id and fresh URLs, and no second reservation",
                                  example = "upload-7f3e2a91-report")
                          @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                          Caller caller) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 128)) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "Idempotency-Key must be 1-128 characters.");
        }
        return uploads.announce(caller.userId(), request, idempotencyKey);
    }

    @Operation(operationId = "completeUpload", summary = "Complete an upload",
            description = "Checks what S3 holds against the announcement (every part, the size, the SHA-256 when"
                    + " given) and makes the file ready. An upload whose size or checksum differs is discarded;"
                    + " one not fully uploaded yet can be completed again later. Completing twice is harmless.")
    @ApiResponse(responseCode = "200", description = "The file, ready")
    @ApiErrors({"NOT_FOUND", "UPLOAD_INCOMPLETE", "SIZE_MISMATCH", "CHECKSUM_MISMATCH", "QUOTA_EXCEEDED",
            "STORAGE_UNAVAILABLE"})
    @PostMapping("/{id}/complete")
    FileView complete(@Parameter(description = FILE_ID, example = FILE_ID_EXAMPLE) @PathVariable UUID id,
                      Caller caller) {
        return FileView.of(uploads.complete(caller.userId(), id));
    }

    // ACCESS_CHECK_UNAVAILABLE: someone else's file, shared into conversations chat-service cannot vouch for now
    @Operation(operationId = "getDownloadUrl", summary = "Get a download URL",
            description = "For the owner, and for members of a conversation a message shared the ready file into."
                    + " Anyone else gets `NOT_FOUND`, as for a file that does not exist.")
    @ApiErrors({"NOT_FOUND", "FILE_NOT_READY", "ACCESS_CHECK_UNAVAILABLE", "STORAGE_UNAVAILABLE"})
    @GetMapping("/{id}/download")
    DownloadLink download(@Parameter(description = FILE_ID, example = FILE_ID_EXAMPLE) @PathVariable UUID id,
                          Caller caller) {
        PresignedUrl url = downloads.download(caller.userId(), id, caller.accessToken());
        return new DownloadLink(url.url(), url.expiresAt());
    }

    @Operation(operationId = "deleteFile", summary = "Delete a file or cancel an upload",
            description = "Only the owner can; the space returns to your quota.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiErrors({"NOT_FOUND", "STORAGE_UNAVAILABLE"})
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@Parameter(description = FILE_ID, example = FILE_ID_EXAMPLE) @PathVariable UUID id, Caller caller) {
        deletion.deleteByOwner(caller.userId(), id);
    }

    @Operation(operationId = "getFile", summary = "Get one of your files")
    @ApiErrors("NOT_FOUND")
    @GetMapping("/{id}")
    FileView metadata(@Parameter(description = FILE_ID, example = FILE_ID_EXAMPLE) @PathVariable UUID id,
                      Caller caller) {
        return FileView.of(owned.one(caller.userId(), id));
    }

    @Operation(operationId = "listFiles", summary = "List your files",
            description = "Newest first, uploads in progress included. Pass the answer's `nextCursor` as `cursor` for"
                    + " the next page; it is null on the last.")
    @ApiErrors({})
    @GetMapping
    Page<FileView> list(@Parameter(description = "The previous page's `nextCursor`; omit for the first page")
                        @RequestParam(required = false) String cursor,
                        @Parameter(description = "At most this many files") @RequestParam(defaultValue = "50")
                        @Min(1) @Max(200) int limit,
                        Caller caller) {
        return owned.page(caller.userId(), cursor, limit).map(FileView::of);
    }
}
