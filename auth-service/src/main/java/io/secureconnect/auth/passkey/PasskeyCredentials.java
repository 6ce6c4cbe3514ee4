package io.secureconnect.auth.passkey;

import java.time.Clock;
import java.util.List;

import io.secureconnect.common.id.Ids;

import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/**
 * Spring Security's view of our passkeys. A save is either a new passkey (registration) or a use (an assertion that
 * verified): a use is written only when the signature counter went up, else {@link SignCountNotIncreased} is thrown
 * and the assertion fails, since the library itself compares the counter only with the one seen at registration.
 */
class PasskeyCredentials implements UserCredentialRepository {

    private final PasskeyRepository passkeys;
    private final Clock clock;

    PasskeyCredentials(PasskeyRepository passkeys, Clock clock) {
        this.passkeys = passkeys;
        this.clock = clock;
    }

    @Override
    public void save(CredentialRecord record) {
        byte[] credentialId = record.getCredentialId().getBytes();
        if (passkeys.recordUse(credentialId, record.getSignatureCount(), record.isBackupState(), clock.instant())) {
            return;
        }
        if (passkeys.exists(credentialId)) {
            throw new SignCountNotIncreased();
        }
        passkeys.insert(Ids.newId(), UserHandle.userId(record.getUserEntityUserId()).orElseThrow(), record,
                clock.instant());
    }

    @Override
    public CredentialRecord findByCredentialId(Bytes credentialId) {
        return passkeys.findByCredentialId(credentialId.getBytes()).orElse(null);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userHandle) {
        return UserHandle.userId(userHandle).map(passkeys::findRecordsByUser).orElse(List.of());
    }

    @Override
    public void delete(Bytes credentialId) {
        passkeys.deleteByCredentialId(credentialId.getBytes());
    }

    /** The signature counter of an assertion did not go up: possibly a cloned authenticator. */
    static final class SignCountNotIncreased extends RuntimeException {

        SignCountNotIncreased() {
            super("the signature counter did not increase", null, false, false);
        }
    }
}
