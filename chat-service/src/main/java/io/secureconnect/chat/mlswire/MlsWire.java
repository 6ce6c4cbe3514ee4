package io.secureconnect.chat.mlswire;

import java.util.Base64;

/**
 * Reads an {@code MLSMessage} (RFC 9420 §6) strictly: the whole input must be one well-formed message, else
 * {@link MalformedMls}. Nothing is verified cryptographically; that is the clients' part.
 */
public final class MlsWire {

    static final int PUBLIC_MESSAGE = 1;
    static final int PRIVATE_MESSAGE = 2;
    static final int WELCOME = 3;
    static final int GROUP_INFO = 4;
    static final int KEY_PACKAGE = 5;

    private MlsWire() {
    }

    public static MlsMessage read(byte[] bytes) {
        if (bytes == null) {
            throw new MalformedMls("no message");
        }
        TlsReader in = new TlsReader(bytes);
        KeyPackageReader.protocolVersion(in);
        int wireFormat = in.uint16();
        MlsMessage message = switch (wireFormat) {
            case PUBLIC_MESSAGE -> publicMessage(in);
            case PRIVATE_MESSAGE -> privateMessage(in);
            case WELCOME -> welcome(in);
            case GROUP_INFO -> groupInfo(in);
            case KEY_PACKAGE -> KeyPackageReader.keyPackage(in);
            default -> throw new MalformedMls("unknown wire format " + wireFormat);
        };
        in.expectEnd("MLSMessage");
        return message;
    }

    /** {@link #read(byte[])} of standard base64 (what the API carries); bad base64 is malformed too. */
    public static MlsMessage readBase64(String base64) {
        if (base64 == null) {
            throw new MalformedMls("no message");
        }
        try {
            return read(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new MalformedMls("not base64");
        }
    }

    /** {@link #readBase64(String)} of a message that must be of the given kind, e.g. {@code KeyPackageMessage}. */
    public static <T extends MlsMessage> T readBase64(String base64, Class<T> kind) {
        MlsMessage message = readBase64(base64);
        if (!kind.isInstance(message)) {
            throw new MalformedMls("expected a " + kind.getSimpleName() + ", got a "
                    + message.getClass().getSimpleName());
        }
        return kind.cast(message);
    }

    /** FramedContent, FramedContentAuthData, then the membership tag of a member sender (§6, §6.1, §6.2). */
    private static PublicMessage publicMessage(TlsReader in) {
        byte[] groupId = in.opaque();
        long epoch = in.uint64();
        Sender sender = sender(in);
        in.skipOpaque(); // authenticated_data
        int contentType = in.uint8();
        Commit commit = null;
        switch (contentType) {
            case ContentType.PROPOSAL -> CommitReader.proposal(in);
            case ContentType.COMMIT -> commit = CommitReader.commit(in);
            case ContentType.APPLICATION ->
                    throw new MalformedMls("application data is only ever sent as a PrivateMessage");
            default -> throw new MalformedMls("unknown content type " + contentType);
        }
        // §6: an external sender and a new member's proposal only ever propose; a new member's commit commits
        boolean onlyProposes = sender.type() == Sender.EXTERNAL || sender.type() == Sender.NEW_MEMBER_PROPOSAL;
        if (onlyProposes && contentType != ContentType.PROPOSAL
                || sender.type() == Sender.NEW_MEMBER_COMMIT && contentType != ContentType.COMMIT) {
            throw new MalformedMls("sender type " + sender.type() + " cannot send content type " + contentType);
        }
        in.skipOpaque(); // signature
        if (contentType == ContentType.COMMIT) {
            in.skipOpaque(); // confirmation_tag
        }
        if (sender.isMember()) {
            in.skipOpaque(); // membership_tag
        }
        return new PublicMessage(groupId, epoch, sender, contentType, commit);
    }

    private static Sender sender(TlsReader in) {
        int type = in.uint8();
        return switch (type) {
            case Sender.MEMBER, Sender.EXTERNAL -> new Sender(type, in.uint32());
            case Sender.NEW_MEMBER_PROPOSAL, Sender.NEW_MEMBER_COMMIT -> new Sender(type, -1);
            default -> throw new MalformedMls("unknown sender type " + type);
        };
    }

    private static PrivateMessage privateMessage(TlsReader in) {
        byte[] groupId = in.opaque();
        long epoch = in.uint64();
        int contentType = in.uint8();
        if (contentType < ContentType.APPLICATION || contentType > ContentType.COMMIT) {
            throw new MalformedMls("unknown content type " + contentType);
        }
        in.skipOpaque(); // authenticated_data
        in.skipOpaque(); // encrypted_sender_data
        in.skipOpaque(); // ciphertext
        return new PrivateMessage(groupId, epoch, contentType);
    }

    private static WelcomeMessage welcome(TlsReader in) {
        int cipherSuite = in.uint16();
        var newMembers = in.vector(secrets -> {
            byte[] newMember = secrets.opaque(); // KeyPackageRef
            secrets.skipOpaque(); // kem_output
            secrets.skipOpaque(); // ciphertext
            return newMember;
        });
        in.skipOpaque(); // encrypted_group_info
        return new WelcomeMessage(cipherSuite, newMembers);
    }

    /** GroupInfo: the GroupContext, extensions, confirmation tag, signer and signature (§12.4.3). */
    private static GroupInfoMessage groupInfo(TlsReader in) {
        KeyPackageReader.protocolVersion(in);
        int cipherSuite = in.uint16();
        byte[] groupId = in.opaque();
        long epoch = in.uint64();
        in.skipOpaque(); // tree_hash
        in.skipOpaque(); // confirmed_transcript_hash
        KeyPackageReader.extensions(in); // group context extensions
        KeyPackageReader.extensions(in); // group info extensions
        in.skipOpaque(); // confirmation_tag
        in.uint32(); // signer
        in.skipOpaque(); // signature
        return new GroupInfoMessage(cipherSuite, groupId, epoch);
    }
}
