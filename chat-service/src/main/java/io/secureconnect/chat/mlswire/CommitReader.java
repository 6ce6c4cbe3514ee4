package io.secureconnect.chat.mlswire;

/**
 * Decodes {@code Commit}, {@code ProposalOrRef} and {@code Proposal} (RFC 9420 §12): every default proposal type
 * is read through, so what follows it is found where it really is.
 */
final class CommitReader {

    private static final int BY_VALUE = 1;
    private static final int BY_REFERENCE = 2;

    private CommitReader() {
    }

    static Commit commit(TlsReader in) {
        var proposals = in.vector(CommitReader::proposalOrRef);
        LeafNode pathLeaf = in.optional(CommitReader::updatePath);
        return new Commit(proposals, pathLeaf);
    }

    static Proposal proposal(TlsReader in) {
        int type = in.uint16();
        switch (type) {
            case Proposal.ADD -> {
                return new Proposal.Add(KeyPackageReader.keyPackage(in));
            }
            case Proposal.UPDATE -> {
                return new Proposal.Update(KeyPackageReader.leafNode(in, LeafNode.SOURCE_UPDATE));
            }
            case Proposal.REMOVE -> {
                long removed = in.uint32();
                if (removed > Integer.MAX_VALUE) {
                    throw new MalformedMls("removed leaf index " + removed + " is beyond any tree");
                }
                return new Proposal.Remove((int) removed);
            }
            case Proposal.PSK -> preSharedKeyId(in);
            case Proposal.REINIT -> {
                in.skipOpaque(); // group_id
                in.uint16(); // version
                in.uint16(); // cipher_suite
                KeyPackageReader.extensions(in);
            }
            case Proposal.EXTERNAL_INIT -> in.skipOpaque(); // kem_output
            case Proposal.GROUP_CONTEXT_EXTENSIONS -> KeyPackageReader.extensions(in);
            case 0 -> throw new MalformedMls("proposal type 0 is reserved");
            default -> in.skipOpaque(); // a custom proposal: opaque data, as ts-mls writes it
        }
        return new Proposal.Other(type);
    }

    private static Proposal proposalOrRef(TlsReader in) {
        return switch (in.uint8()) {
            case BY_VALUE -> proposal(in);
            case BY_REFERENCE -> new Proposal.Reference(in.opaque());
            default -> throw new MalformedMls("unknown ProposalOrRef type");
        };
    }

    /** UpdatePath: the committer's new leaf (source commit), then nodes of a key and HPKE ciphertexts each. */
    private static LeafNode updatePath(TlsReader in) {
        LeafNode leaf = KeyPackageReader.leafNode(in, LeafNode.SOURCE_COMMIT);
        in.each(node -> {
            node.skipOpaque(); // encryption_key
            node.each(ciphertext -> {
                ciphertext.skipOpaque(); // kem_output
                ciphertext.skipOpaque(); // ciphertext
            });
        });
        return leaf;
    }

    private static void preSharedKeyId(TlsReader in) {
        switch (in.uint8()) {
            case 1 -> in.skipOpaque(); // external: psk_id
            case 2 -> { // resumption
                int usage = in.uint8();
                if (usage < 1 || usage > 3) {
                    throw new MalformedMls("unknown resumption PSK usage " + usage);
                }
                in.skipOpaque(); // psk_group_id
                in.uint64(); // psk_epoch
            }
            default -> throw new MalformedMls("unknown PSK type");
        }
        in.skipOpaque(); // psk_nonce
    }
}
