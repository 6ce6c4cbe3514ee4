package io.secureconnect.chat.push;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Reads the PKCS#8 PEM private keys that Google service accounts (RSA) and APNs auth keys (EC) come as. */
final class PemKeys {

    private PemKeys() {
    }

    static PrivateKey privateKey(String pem, String algorithm) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(algorithm)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Not a PKCS#8 " + algorithm + " private key", e);
        }
    }
}
