package io.secureconnect.auth.passkey;

import java.util.Optional;
import java.util.UUID;

import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;

import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;

/**
 * Spring Security's WebAuthn user entities, derived from the accounts: the handle is the account id
 * ({@link UserHandle}), the name its email, the display name its own. Nothing is stored; a deleted account has none.
 */
class PasskeyUsers implements PublicKeyCredentialUserEntityRepository {

    private final UserRepository users;

    PasskeyUsers(UserRepository users) {
        this.users = users;
    }

    static PublicKeyCredentialUserEntity entity(User user) {
        return ImmutablePublicKeyCredentialUserEntity.builder().id(UserHandle.of(user.id())).name(user.email())
                .displayName(user.displayName()).build();
    }

    @Override
    public PublicKeyCredentialUserEntity findById(Bytes id) {
        return UserHandle.userId(id).flatMap(users::findById).map(PasskeyUsers::entity).orElse(null);
    }

    /** The "username" Spring Security asks by is the account id as text. */
    @Override
    public PublicKeyCredentialUserEntity findByUsername(String username) {
        return parse(username).flatMap(users::findById).map(PasskeyUsers::entity).orElse(null);
    }

    @Override
    public void save(PublicKeyCredentialUserEntity userEntity) {
        // derived from the account: nothing to keep
    }

    @Override
    public void delete(Bytes id) {
        // an account's entity goes with the account
    }

    private static Optional<UUID> parse(String username) {
        try {
            return Optional.of(UUID.fromString(username));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
