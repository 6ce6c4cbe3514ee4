package io.secureconnect.chat.search;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.secureconnect.chat.message.Message;
import io.secureconnect.common.paging.Page;
import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/search/messages?q=}: full-text search (PostgreSQL, web-search syntax: words, "quoted phrases",
 * -excluded) over the plaintext conversations the caller belongs to, newest first, cursor-paginated.
 */
@RestController
@Validated
@Tag(name = "Search", description = "Full-text search over the messages of the plaintext conversations the caller "
        + "belongs to (end-to-end encrypted messages cannot be searched by the server).")
class SearchController {

    private final MessageSearch search;

    SearchController(MessageSearch search) {
        this.search = search;
    }

    @Operation(operationId = "searchMessages", summary = "Search your messages",
            description = "PostgreSQL web-search syntax: words, \"quoted phrases\", -excluded words. Newest first, "
                    + "a page at a time; only conversations the caller is a member of are searched.")
    @ApiErrors({})
    @GetMapping("/api/v1/search/messages")
    Page<Message> search(@Parameter(description = "What to look for, up to 200 characters",
                                    example = "lunch \"on friday\" -pizza")
                         @RequestParam @NotBlank @Size(max = 200) String q,
                         @Parameter(description = "Search only this conversation")
                         @RequestParam(required = false) UUID conversationId,
                         @Parameter(description = "The `nextCursor` of the previous page")
                         @RequestParam(required = false) String cursor,
                         @Parameter(description = "Matches per page, 1 to 100")
                         @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                         Caller caller) {
        return search.search(caller, q, conversationId, cursor, limit);
    }
}
