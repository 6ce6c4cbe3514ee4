package io.secureconnect.auth.user;

import java.util.List;
import java.util.UUID;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.stereotype.Service;

/**
 * The user directory: one's own profile, others' public profiles, and finding people to talk to. S8: an email finds
 * only a verified account that lets itself be found by it, and each lookup by email spends the caller's hourly budget,
 * so the directory answers "is this address registered?" neither for free nor in bulk.
 */
@Service
class UserDirectory {

    private final UserRepository users;
    private final EmailLookups lookups;

    UserDirectory(UserRepository users, EmailLookups lookups) {
        this.users = users;
        this.lookups = lookups;
    }

    User current(UUID userId) {
        return users.findById(userId)
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "This account no longer exists."));
    }

    /** Changes what {@code change} gives and answers the profile as it is now. */
    User update(UUID userId, ProfileChange change) {
        User user = current(userId);
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
        return current(userId);
    }

    PublicProfile profile(UUID userId) {
        return users.findById(userId).map(PublicProfile::of)
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "No such user."));
    }

    /** At most one profile; the lookup counts against {@code asker}'s budget whether or not it finds one. */
    List<PublicProfile> byEmail(UUID asker, String email) {
        lookups.record(asker);
        return users.findFindableByEmail(Emails.normalize(email)).map(PublicProfile::of).stream().toList();
    }

    /** Users whose display name starts with {@code prefix}, in name order, after the given position. */
    List<User> byNamePrefix(String prefix, String afterName, UUID afterId, int limit) {
        return users.findByDisplayNamePrefix(prefix, afterName, afterId, limit);
    }
}
