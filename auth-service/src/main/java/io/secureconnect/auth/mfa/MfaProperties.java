package io.secureconnect.auth.mfa;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of second factors.
 *
 * @param required              whose accounts must have a second factor ({@code SC_MFA_REQUIRED})
 * @param encryptionKeyFile     the AES-256 key that encrypts TOTP secrets at rest ({@code SC_MFA_ENCRYPTION_KEY_FILE})
 * @param generateEncryptionKey create the key when the file is missing (local runs); production mounts it
 * @param maxFailures           wrong answers within {@code window} that lock the account's MFA step
 * @param window                how far back wrong answers count
 * @param lockDuration          how long the lock lasts
 */
@ConfigurationProperties("secureconnect.auth.mfa")
public record MfaProperties(@DefaultValue("admins") Requirement required,
                            Path encryptionKeyFile,
                            @DefaultValue("true") boolean generateEncryptionKey,
                            @DefaultValue("5") int maxFailures,
                            @DefaultValue("15m") Duration window,
                            @DefaultValue("15m") Duration lockDuration) {

    /** {@code SC_MFA_REQUIRED}: nobody, administrators (the default), or everyone must have a second factor. */
    public enum Requirement {
        NONE, ADMINS, EVERYONE
    }
}
