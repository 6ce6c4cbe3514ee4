package io.secureconnect.chat.search;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.secureconnect.chat.message.Message;
import io.secureconnect.common.paging.Page;
import io.secureconnect.common.security.Caller;

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
class SearchController {

    private final MessageSearch search;

    SearchController(MessageSearch search) {
        this.search = search;
    }

    @GetMapping("/api/v1/search/messages")
    Page<Message> search(@RequestParam @NotBlank @Size(max = 200) String q,
                         @RequestParam(required = false) UUID conversationId,
                         @RequestParam(required = false) String cursor,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                         Caller caller) {
        return search.search(caller, q, conversationId, cursor, limit);
    }
}
