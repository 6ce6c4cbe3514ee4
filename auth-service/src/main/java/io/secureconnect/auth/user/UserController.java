package io.secureconnect.auth.user;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import io.secureconnect.auth.account.Emails;
import io.secureconnect.common.text.Storable;
import io.secureconnect.common.paging.Cursor;
import io.secureconnect.common.paging.Page;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The user directory: one's own profile, others' public profiles, and search to start conversations. */
@RestController
@RequestMapping("/api/v1/users")
@Validated
class UserController {

    private static final UUID FIRST = new UUID(0, 0);

    private final UserRepository users;
    private final EmailLookups lookups;

    UserController(UserRepository users, EmailLookups lookups) {
        this.users = users;
        this.lookups = lookups;
    }

    /**
     * Only what is given changes; an avatar is the id of an image file uploaded to storage-service;
     * {@code findableByEmail} false hides the account from lookups by its exact email.
     */
    record ProfileChange(@Size(min = 1, max = 64) @Storable String displayName, UUID avatarFileId, Boolean findableByEmail) {
    }

    @GetMapping("/me")
    UserProfile me(@AuthenticationPrincipal Jwt token) {
        return UserProfile.of(current(token));
    }

    @PatchMapping("/me")
    UserProfile update(@Valid @RequestBody ProfileChange change, @AuthenticationPrincipal Jwt token) {
        User user = current(token);
        if (change.displayName() != null) {
            if (change.displayName().isBlank()) {
                throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "The display name must not be blank.");
            }
            users.updateDisplayName(user.id(), change.displayName().strip());
        }
        if (change.avatarFileId() != null) {
            users.updateAvatar(user.id(), change.avatarFileId());
        }
        if (change.findableByEmail() != null) {
            users.updateFindableByEmail(user.id(), change.findableByEmail());
        }
        return UserProfile.of(current(token));
    }

    @GetMapping("/{id}")
    PublicProfile profile(@PathVariable UUID id) {
        return users.findById(id).map(PublicProfile::of)
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "No such user."));
    }

    /**
     * By exact email ({@code email=}) or by display-name prefix ({@code q=}, at least 2 characters), paginated. S8:
     * an email finds only a verified account that lets itself be found by it, and each user has an hourly budget
     * of email lookups, so the directory answers "is this address registered?" neither for free nor in bulk.
     */
    @GetMapping("/search")
    Page<PublicProfile> search(@RequestParam(required = false) @Size(max = 254) String email,
                      @RequestParam(required = false) @Size(min = 2, max = 64) String q,
                      @RequestParam(required = false) @Size(max = 200) String cursor,
                      @RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit,
                      @AuthenticationPrincipal Jwt token) {
        if (email != null) {
            lookups.record(UUID.fromString(token.getSubject()));
            return new Page<>(users.findFindableByEmail(Emails.normalize(email))
                    .map(PublicProfile::of).stream().toList(), null);
        }
        if (q == null) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "Search by 'email' or by a name prefix 'q'.");
        }
        Position after = Position.after(cursor);
        List<User> found = users.findByDisplayNamePrefix(q.strip(), after.name(), after.id(), limit + 1);
        return Page.of(found, limit, last -> Position.of(last).encode()).map(PublicProfile::of);
    }

    private User current(Jwt token) {
        return users.findById(UUID.fromString(token.getSubject()))
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "This account no longer exists."));
    }

    /** An opaque cursor: the sort key of the last user on the page. */
    private record Position(String name, UUID id) {

        static Position of(User user) {
            return new Position(user.displayName().toLowerCase(Locale.ROOT), user.id());
        }

        String encode() {
            return Cursor.encode(id, name); // the name last: it is free text
        }

        /** Where the page a client asks for starts: after the cursor it sent, or at the beginning. */
        static Position after(String cursor) {
            Cursor position = Cursor.decode(cursor, 2, CommonErrorCode.VALIDATION_FAILED);
            return position == null ? new Position("", FIRST) : new Position(position.text(1), position.id(0));
        }
    }
}
