package io.secureconnect.auth.passkey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A passkey authenticator in the test, as a browser with a platform authenticator would act: it creates an ES256 key
 * pair (the JDK's), answers creation options with a "none" attestation and request options with a signed assertion,
 * in the JSON of {@code PublicKeyCredential.toJSON()}. webauthn4j's converters write the CBOR structures; the only
 * cryptography is the JDK's SHA-256 and ECDSA. Its signature counter goes up by one per assertion.
 */
final class SoftwareAuthenticator {

    private static final byte USER_PRESENT = 0x01;
    private static final byte USER_VERIFIED = 0x04;
    private static final byte ATTESTED_CREDENTIAL_DATA = 0x40;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder FROM_BASE64URL = Base64.getUrlDecoder();
    private static final ObjectConverter CBOR = new ObjectConverter();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];
    private String userHandle;
    private long signCount;

    SoftwareAuthenticator() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        new SecureRandom().nextBytes(credentialId);
    }

    String credentialId() {
        return BASE64URL.encodeToString(credentialId);
    }

    /** Makes the next assertion carry this counter (a cloned authenticator would repeat an old one). */
    void signCount(long count) {
        signCount = count - 1;
    }

    /** {@code navigator.credentials.create({publicKey})} on a page of {@code origin}, then {@code toJSON()}. */
    ObjectNode create(JsonNode publicKey, String origin) throws Exception {
        userHandle = publicKey.get("user").get("id").asString();
        byte[] clientData = clientData("webauthn.create", publicKey.get("challenge").asString(), origin);
        AuthenticatorData<?> authenticatorData = new AuthenticatorData<>(sha256(publicKey.get("rp").get("id").asString()),
                (byte) (USER_PRESENT | USER_VERIFIED | ATTESTED_CREDENTIAL_DATA), 0,
                new AttestedCredentialData(AAGUID.ZERO, credentialId,
                        EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256)));
        @SuppressWarnings("unchecked")
        byte[] attestationObject = new AttestationObjectConverter(CBOR).convertToBytes(
                new AttestationObject((AuthenticatorData) authenticatorData, new NoneAttestationStatement()));
        ObjectNode response = JSON.createObjectNode()
                .put("clientDataJSON", BASE64URL.encodeToString(clientData))
                .put("attestationObject", BASE64URL.encodeToString(attestationObject));
        response.putArray("transports").add("internal");
        return credential(response);
    }

    /** {@code navigator.credentials.get({publicKey})} on a page of {@code origin}, the user verified or not. */
    ObjectNode get(JsonNode publicKey, String origin, boolean userVerified) throws Exception {
        byte[] clientData = clientData("webauthn.get", publicKey.get("challenge").asString(), origin);
        signCount++;
        byte flags = (byte) (USER_PRESENT | (userVerified ? USER_VERIFIED : 0));
        byte[] authenticatorData = new AuthenticatorDataConverter(CBOR).convert(
                new AuthenticatorData<>(sha256(publicKey.get("rpId").asString()), flags, signCount));
        Signature ecdsa = Signature.getInstance("SHA256withECDSA"); // DER, as WebAuthn's ES256 signatures are
        ecdsa.initSign(keys.getPrivate());
        ecdsa.update(ByteBuffer.allocate(authenticatorData.length + 32).put(authenticatorData)
                .put(MessageDigest.getInstance("SHA-256").digest(clientData)).array());
        ObjectNode response = JSON.createObjectNode()
                .put("clientDataJSON", BASE64URL.encodeToString(clientData))
                .put("authenticatorData", BASE64URL.encodeToString(authenticatorData))
                .put("signature", BASE64URL.encodeToString(ecdsa.sign()))
                .put("userHandle", userHandle);
        return credential(response);
    }

    private ObjectNode credential(ObjectNode response) {
        ObjectNode credential = JSON.createObjectNode()
                .put("id", credentialId())
                .put("rawId", credentialId())
                .put("type", "public-key")
                .put("authenticatorAttachment", "platform");
        credential.set("response", response);
        credential.putObject("clientExtensionResults");
        return credential;
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        ObjectNode clientData = JSON.createObjectNode().put("type", type).put("challenge", challenge)
                .put("origin", origin).put("crossOrigin", false);
        return JSON.writeValueAsString(clientData).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String rpId) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] decode(String base64url) {
        return FROM_BASE64URL.decode(base64url);
    }
}
