package io.secureconnect.auth.user;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.paging.Cursor;
import io.secureconnect.common.paging.Page;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Users", description = "One's own profile and privacy setting, others' public profiles, and finding"
        + " people by email or name.")
class UserController {

    private static final UUID FIRST = new UUID(0, 0);

    private final UserDirectory directory;

    UserController(UserDirectory directory) {
        this.directory = directory;
    }

    @Operation(operationId = "getMyProfile", summary = "Your profile")
    @ApiErrors("NOT_FOUND")
    @GetMapping("/me")
    UserProfile me(Caller caller) {
        return UserProfile.of(directory.current(caller.userId()));
    }

    @Operation(operationId = "updateMyProfile", summary = "Change your profile",
            description = "Only the fields given change: the display name, the avatar (an image uploaded to"
                    + " storage-service) and whether others may find the account by its exact email. Answers the"
                    + " profile as it is now.")
    @ApiErrors("NOT_FOUND")
    @PatchMapping("/me")
    UserProfile update(@Valid @RequestBody ProfileChange change, Caller caller) {
        return UserProfile.of(directory.update(caller.userId(), change));
    }

    @Operation(operationId = "getUserProfile", summary = "A user's public profile")
    @ApiErrors("NOT_FOUND")
    @GetMapping("/{id}")
    PublicProfile profile(@Parameter(example = "60dff14a-2bd2-49f9-afac-c5f264a67f91") @PathVariable UUID id) {
        return directory.profile(id);
    }

    /**
     * By exact email ({@code email=}) or by display-name prefix ({@code q=}, at least 2 characters), paginated. S8:
     * an email finds only a verified account that lets itself be found by it, and each user has an hourly budget
     * of email lookups, so the directory answers "is this address registered?" neither for free nor in bulk.
     */
    @Operation(operationId = "searchUsers", summary = "Find users by email or name",
            description = "Give `email` for an exact address, or `q` for a display-name prefix (paginated, in name"
                    + " order). An email finds only a verified account that lets itself be found by it, and lookups"
                    + " by email have an hourly budget per user (`RATE_LIMITED` beyond it).")
    @ApiErrors({})
    @GetMapping("/search")
    Page<PublicProfile> search(@Parameter(description = "An exact email address", example = "bob@example.com")
                      @RequestParam(required = false) @Size(max = 254) String email,
                      @Parameter(description = "A display-name prefix, when no `email` is given", example = "Bo")
                      @RequestParam(required = false) @Size(min = 2, max = 64) String q,
                      @Parameter(description = "The previous page's `nextCursor`")
                      @RequestParam(required = false) @Size(max = 200) String cursor,
                      @RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit,
                      Caller caller) {
        if (email != null) {
            return new Page<>(directory.byEmail(caller.userId(), email), null);
        }
        if (q == null) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "Search by 'email' or by a name prefix 'q'.");
        }
        Position after = Position.after(cursor);
        List<User> found = directory.byNamePrefix(q.strip(), after.name(), after.id(), limit + 1);
        return Page.of(found, limit, last -> Position.of(last).encode()).map(PublicProfile::of);
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
