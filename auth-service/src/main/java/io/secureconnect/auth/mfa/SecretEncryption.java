package io.secureconnect.auth.mfa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets kept at rest (TOTP secrets; an identity provider's refresh tokens) with AES-256-GCM from the JDK:
 * a fresh 96-bit nonce per value, stored in front of the ciphertext, and a purpose bound as associated data so a value
 * cannot be moved to another column or account. The key is a file (base64, a mounted secret in production; generated
 * once for local runs like the JWT signing key), so a database dump alone reveals no secret.
 */
@Component
public class SecretEncryption {

    private static final Logger log = LoggerFactory.getLogger(SecretEncryption.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    SecretEncryption(MfaProperties properties) {
        this.key = loadOrGenerate(properties.encryptionKeyFile(), properties.generateEncryptionKey());
    }

    /** {@code nonce || ciphertext+tag} of {@code plaintext}, bound to {@code context} (e.g. "totp:" + user id). */
    public byte[] encrypt(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The plaintext of {@link #encrypt}; throws when the value was altered, moved or sealed under another key. */
    public byte[] decrypt(byte[] sealed, String context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A secret at rest does not decrypt (altered, or another key)", e);
        }
    }

    private static SecretKey loadOrGenerate(Path file, boolean generate) {
        if (file == null) {
            throw new IllegalStateException("secureconnect.auth.mfa.encryption-key-file (SC_MFA_ENCRYPTION_KEY_FILE) is not set");
        }
        try {
            if (Files.exists(file)) {
                byte[] bytes = Base64.getDecoder().decode(Files.readString(file).strip());
                if (bytes.length != 32) {
                    throw new IllegalStateException("The MFA encryption key at " + file + " is not 256 bits");
                }
                return new SecretKeySpec(bytes, "AES");
            }
            if (!generate) {
                throw new IllegalStateException("No MFA encryption key at " + file
                        + " and secureconnect.auth.mfa.generate-encryption-key is false");
            }
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            SecretKey key = generator.generateKey();
            if (write(file, Base64.getEncoder().encodeToString(key.getEncoded()))) {
                log.info("Generated a new MFA encryption key at {}", file);
                return key;
            }
            return loadOrGenerate(file, false); // another instance wrote one first: use that one
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the MFA encryption key at " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is always available", e);
        }
    }

    /** Writes the key unless a file is there already; answers whether this call wrote it. */
    private static boolean write(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".mfa-key", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: rely on the directory's permissions
        }
        Files.writeString(temporary, content);
        try {
            // two instances starting at once: a link is made only where no file is, so the first key written wins
            // (a move would replace it, and the first instance would encrypt with a key no longer on disk)
            Files.createLink(file, temporary);
            return true;
        } catch (FileAlreadyExistsException second) {
            return false;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
