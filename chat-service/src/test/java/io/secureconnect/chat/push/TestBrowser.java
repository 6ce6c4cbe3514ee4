package io.secureconnect.chat.push;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * A browser's side of Web Push: its ECDH key pair and auth secret, the subscription JSON it gives the app, and
 * what it does when a push arrives, opening the {@code aes128gcm} record (RFC 8291).
 */
record TestBrowser(String id, KeyPair keys, byte[] auth, String subscription) {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    static TestBrowser subscribe(String endpointPrefix) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] auth = new byte[16];
            new SecureRandom().nextBytes(auth);
            String id = UUID.randomUUID().toString();
            String subscription = JsonMapper.builder().build().writeValueAsString(Map.of(
                    "endpoint", endpointPrefix + id, "keys", Map.of(
                            "p256dh", B64.encodeToString(WebPushEncryption.uncompressed((ECPublicKey) keys.getPublic())),
                            "auth", B64.encodeToString(auth))));
            return new TestBrowser(id, keys, auth, subscription);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plaintext of a pushed record; throws when it was not encrypted for this browser. */
    String open(byte[] body) throws GeneralSecurityException {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        buffer.get(salt);
        buffer.getInt(); // record size
        byte[] serverKey = new byte[buffer.get()];
        buffer.get(serverKey);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);

        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(keys.getPrivate());
        agreement.doPhase(WebPushEncryption.publicKey(serverKey), true);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes("WebPush: info\0".getBytes(StandardCharsets.US_ASCII));
        info.writeBytes(WebPushEncryption.uncompressed((ECPublicKey) keys.getPublic()));
        info.writeBytes(serverKey);
        byte[] ikm = WebPushEncryption.hkdf(auth, agreement.generateSecret(), info.toByteArray(), 32);
        byte[] key = WebPushEncryption.hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = WebPushEncryption.hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = cipher.doFinal(ciphertext);
        if (padded[padded.length - 1] != 2) {
            throw new GeneralSecurityException("not the last record");
        }
        return new String(padded, 0, padded.length - 1, StandardCharsets.UTF_8);
    }
}
