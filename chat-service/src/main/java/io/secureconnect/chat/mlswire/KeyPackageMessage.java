package io.secureconnect.chat.mlswire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A {@code KeyPackage} (RFC 9420 §10), on its own (wire format {@code mls_key_package}) or inside an Add proposal.
 * {@code encoded} is the KeyPackage struct exactly as received, without the 4-byte MLSMessage header, so the same
 * package has the same bytes whether it was uploaded or comes back in an Add.
 */
public record KeyPackageMessage(int cipherSuite, byte[] initKey, byte[] encryptionKey, byte[] signatureKey,
                                int credentialType, byte[] identity, byte[] encoded) implements MlsMessage {

    /** MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519, the only suite the DS accepts. */
    public static final int CIPHER_SUITE_1 = 1;

    private static final byte[] REFERENCE_LABEL = "MLS 1.0 KeyPackage Reference".getBytes(StandardCharsets.US_ASCII);

    /** The DS's lookup id of this package: lower-case hex SHA-256 of {@link #encoded()}. */
    public String ref() {
        return HexFormat.of().formatHex(sha256(encoded));
    }

    /**
     * The MLS {@code KeyPackageRef} (RFC 9420 §5.2: RefHash("MLS 1.0 KeyPackage Reference", KeyPackage)), the id a
     * Welcome names its new members by. Computed with SHA-256, the hash of cipher suites 1 to 3.
     */
    public byte[] mlsReference() {
        if (cipherSuite < 1 || cipherSuite > 3) {
            throw new IllegalStateException("no SHA-256 RefHash for cipher suite " + cipherSuite);
        }
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        writeOpaque(input, REFERENCE_LABEL);
        writeOpaque(input, encoded);
        return sha256(input.toByteArray());
    }

    private static void writeOpaque(ByteArrayOutputStream out, byte[] data) {
        int length = data.length;
        if (length < 64) {
            out.write(length);
        } else if (length < 16384) {
            out.write(0x40 | length >>> 8);
            out.write(length);
        } else {
            out.write(0x80 | length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
        out.writeBytes(data);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
