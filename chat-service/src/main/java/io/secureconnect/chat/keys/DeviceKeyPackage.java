package io.secureconnect.chat.keys;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.mlswire.KeyPackageMessage;
import io.secureconnect.chat.mlswire.MalformedMls;
import io.secureconnect.chat.mlswire.MlsMessage;
import io.secureconnect.chat.mlswire.MlsWire;
import io.secureconnect.common.web.ApiException;

/**
 * The rule a device's upload must pass (docs/e2ee.md, "KeyPackages"): an {@code MLSMessage} of wire format
 * {@code mls_key_package}, cipher suite 1, whose leaf signs with the device's key and carries the device's own
 * credential as its basic credential's identity. Anything else would let a device publish packages others cannot
 * accept as that device (or as another one).
 */
final class DeviceKeyPackage {

    private static final int BASIC_CREDENTIAL = 1; // RFC 9420 §5.3, CredentialType basic

    private DeviceKeyPackage() {
    }

    static KeyPackageRepository.StoredKeyPackage check(byte[] message, MlsDevice device) {
        KeyPackageMessage keyPackage = switch (read(message)) {
            case KeyPackageMessage parsed -> parsed;
            default -> throw invalid("not a KeyPackage");
        };
        if (keyPackage.cipherSuite() != KeyPackageMessage.CIPHER_SUITE_1) {
            throw invalid("cipher suite " + keyPackage.cipherSuite() + " is not " + KeyPackageMessage.CIPHER_SUITE_1);
        }
        if (!device.signsWith(keyPackage.signatureKey())) {
            throw invalid("its signature key is not the device's");
        }
        if (keyPackage.credentialType() != BASIC_CREDENTIAL || !device.hasIdentity(keyPackage.identity())) {
            throw invalid("its credential is not the device's");
        }
        return new KeyPackageRepository.StoredKeyPackage(keyPackage.ref(), message);
    }

    private static MlsMessage read(byte[] message) {
        try {
            return MlsWire.read(message);
        } catch (MalformedMls e) {
            throw new ApiException(ChatErrorCode.INVALID_MLS_MESSAGE, "A KeyPackage is not a well-formed MLSMessage.");
        }
    }

    private static ApiException invalid(String why) {
        return new ApiException(ChatErrorCode.INVALID_KEY_PACKAGE, "Not a KeyPackage of this device: " + why + ".");
    }
}
