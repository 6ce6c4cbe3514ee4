package io.secureconnect.chat.mlswire;

import java.util.List;

/** Decodes {@code KeyPackage} and {@code LeafNode} (RFC 9420 §10, §7.2) with their credential and extensions. */
final class KeyPackageReader {

    private KeyPackageReader() {
    }

    static KeyPackageMessage keyPackage(TlsReader in) {
        int start = in.position();
        protocolVersion(in);
        int cipherSuite = in.uint16();
        byte[] initKey = in.opaque();
        LeafNode leaf = leafNode(in, LeafNode.SOURCE_KEY_PACKAGE);
        extensions(in);
        in.skipOpaque(); // signature
        return new KeyPackageMessage(cipherSuite, initKey, leaf.encryptionKey(), leaf.signatureKey(),
                leaf.credentialType(), leaf.identity(), in.slice(start));
    }

    /** A LeafNode whose {@code leaf_node_source} must be {@code expectedSource}: each place allows only one. */
    static LeafNode leafNode(TlsReader in, int expectedSource) {
        byte[] encryptionKey = in.opaque();
        byte[] signatureKey = in.opaque();
        int credentialType = in.uint16();
        byte[] identity = credential(in, credentialType);
        capabilities(in);
        int source = in.uint8();
        if (source != expectedSource) {
            throw new MalformedMls("leaf node source " + source + " where " + expectedSource + " is required");
        }
        switch (source) {
            case LeafNode.SOURCE_KEY_PACKAGE -> {
                in.uint64(); // not_before
                in.uint64(); // not_after
            }
            case LeafNode.SOURCE_COMMIT -> in.skipOpaque(); // parent_hash
            default -> { } // update: nothing
        }
        extensions(in);
        in.skipOpaque(); // signature
        return new LeafNode(source, encryptionKey, signatureKey, credentialType, identity);
    }

    static void protocolVersion(TlsReader in) {
        int version = in.uint16();
        if (version != MlsMessage.MLS10) {
            throw new MalformedMls("protocol version " + version + " is not mls10");
        }
    }

    /** {@code Extension extensions<V>}: a type and opaque data each; their meaning is the clients' business. */
    static void extensions(TlsReader in) {
        in.each(item -> {
            item.uint16();
            item.skipOpaque();
        });
    }

    private static byte[] credential(TlsReader in, int credentialType) {
        return switch (credentialType) {
            case LeafNode.CREDENTIAL_BASIC -> in.opaque();
            case LeafNode.CREDENTIAL_X509 -> {
                List<byte[]> certificates = in.vector(TlsReader::opaque);
                if (certificates.isEmpty()) {
                    throw new MalformedMls("x509 credential without a certificate");
                }
                yield certificates.getFirst();
            }
            default -> throw new MalformedMls("unknown credential type " + credentialType);
        };
    }

    /** versions, cipher_suites, extensions, proposals, credentials: five vectors of uint16. */
    private static void capabilities(TlsReader in) {
        for (int i = 0; i < 5; i++) {
            in.each(TlsReader::uint16);
        }
    }
}
