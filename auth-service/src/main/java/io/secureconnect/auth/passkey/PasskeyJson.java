package io.secureconnect.auth.passkey;

import io.secureconnect.common.web.ApiException;

import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WebAuthn's JSON as browsers speak it ({@code PublicKeyCredential.toJSON()}, {@code parseCreationOptionsFromJSON}),
 * through Spring Security's Jackson module: options out, credentials in. A credential that does not read is a 400.
 */
final class PasskeyJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

    private PasskeyJson() {
    }

    /** Creation or request options as the JSON the browser parses. */
    static JsonNode options(Object options) {
        return MAPPER.valueToTree(options);
    }

    static PublicKeyCredential<AuthenticatorAttestationResponse> attestation(JsonNode credential) {
        PublicKeyCredential<AuthenticatorAttestationResponse> read = read(credential, new TypeReference<>() { });
        AuthenticatorAttestationResponse response = read.getResponse();
        if (response.getAttestationObject() == null || response.getClientDataJSON() == null) {
            throw invalid();
        }
        return read;
    }

    static PublicKeyCredential<AuthenticatorAssertionResponse> assertion(JsonNode credential) {
        PublicKeyCredential<AuthenticatorAssertionResponse> read = read(credential, new TypeReference<>() { });
        AuthenticatorAssertionResponse response = read.getResponse();
        if (response.getAuthenticatorData() == null || response.getClientDataJSON() == null
                || response.getSignature() == null) {
            throw invalid();
        }
        return read;
    }

    private static <R extends AuthenticatorResponse> PublicKeyCredential<R> read(
            JsonNode credential, TypeReference<PublicKeyCredential<R>> type) {
        if (credential == null || !credential.isObject()) {
            throw invalid();
        }
        try {
            PublicKeyCredential<R> read = MAPPER.readerFor(type).readValue(credential);
            if (read == null || read.getRawId() == null || read.getResponse() == null) {
                throw invalid();
            }
            return read;
        } catch (JacksonException | IllegalArgumentException | IllegalStateException e) {
            throw invalid(); // a bad base64url, a missing member, a wrong type: the builders refuse them
        }
    }

    static ApiException invalid() {
        return new ApiException(PasskeyErrorCode.PASSKEY_INVALID_REQUEST, "This is not a passkey credential.");
    }
}
