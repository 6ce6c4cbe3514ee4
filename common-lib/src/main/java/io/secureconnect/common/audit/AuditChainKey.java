package io.secureconnect.common.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret that keys the audit hash chain (HMAC-SHA256), held outside the audit database: whoever can rewrite
 * {@code audit_events} cannot recompute a valid chain without it. Configured ({@code SC_AUDIT_CHAIN_KEY}, base64, at
 * least 32 bytes) wherever several processes must verify each other's chains; otherwise generated once into a file
 * (mode 600) that later starts read again, so chains written before a restart still verify.
 */
final class AuditChainKey {

    static final String ALGORITHM = "HmacSHA256";
    static final int MIN_BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(AuditChainKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKeySpec key;

    private AuditChainKey(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException("The audit chain key must be at least " + MIN_BYTES + " bytes (base64 of "
                    + "`openssl rand -base64 32`), not " + secret.length);
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    static AuditChainKey of(byte[] secret) {
        return new AuditChainKey(secret.clone());
    }

    /** The configured key if there is one, else the one in {@code file}, generated there on first use. */
    static AuditChainKey resolve(String configured, Path file) {
        if (configured != null && !configured.isBlank()) {
            return new AuditChainKey(decode(configured.strip(), "SC_AUDIT_CHAIN_KEY"));
        }
        return fromFile(file);
    }

    /** The lowercase hex HMAC of {@code text}. */
    String mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        }
    }

    private static AuditChainKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            warnIfReadableByOthers(file);
            return new AuditChainKey(decode(Files.readString(file).strip(), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit chain key file " + file
                    + " (set SC_AUDIT_CHAIN_KEY, or SC_AUDIT_CHAIN_KEY_FILE to a writable place)", e);
        }
    }

    /**
     * Writes a new random key beside {@code file} and links it into place: the link fails if another process (the
     * services started together share the directory) got there first, and then its key is the one everybody uses.
     */
    private static void generate(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] secret = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(secret);
        Path temporary = Files.createTempFile(dir, ".audit-chain", ".key");
        try {
            restrict(temporary);
            Files.writeString(temporary, Base64.getEncoder().encodeToString(secret) + "\n");
            Files.createLink(file, temporary);
            log.info("Generated the audit chain key in {}; set SC_AUDIT_CHAIN_KEY where several hosts verify each "
                    + "other's audit chains", file);
        } catch (FileAlreadyExistsException e) {
            // generated meanwhile by another process: read theirs
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrict(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")
                && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            log.warn("The audit chain key file {} is readable by others than its owner: chmod 600 it", file);
        }
    }

    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The audit chain key in " + source + " is not base64", e);
        }
    }
}
