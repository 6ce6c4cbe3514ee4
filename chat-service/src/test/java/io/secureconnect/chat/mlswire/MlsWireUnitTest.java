package io.secureconnect.chat.mlswire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire reader on real messages written by ts-mls (the library the browsers use), and on every way of spoiling
 * them: whatever the bytes, the reader answers a message or {@link MalformedMls}, nothing else. The messages are
 * made by {@code web-client/e2e/mls-test-client.mjs fixtures} (the command is in the JSON).
 */
class MlsWireUnitTest {

    private static final JsonNode FIXTURES = fixtures();

    @Test
    void givenAKeyPackageFromTsMls_whenRead_thenItsKeysIdentityAndReferencesAreFound() {
        JsonNode expected = FIXTURES.get("keyPackage");
        byte[] bytes = bytes(expected.get("message"));

        KeyPackageMessage keyPackage = (KeyPackageMessage) MlsWire.read(bytes);

        assertThat(keyPackage.cipherSuite()).isEqualTo(KeyPackageMessage.CIPHER_SUITE_1);
        assertThat(keyPackage.initKey()).isEqualTo(bytes(expected.get("initKey")));
        assertThat(keyPackage.encryptionKey()).isEqualTo(bytes(expected.get("encryptionKey")));
        assertThat(keyPackage.signatureKey()).isEqualTo(bytes(expected.get("signatureKey")));
        assertThat(keyPackage.credentialType()).isEqualTo(LeafNode.CREDENTIAL_BASIC);
        assertThat(keyPackage.identity()).isEqualTo(bytes(expected.get("identity")));
        assertThat(keyPackage.encoded()).isEqualTo(Arrays.copyOfRange(bytes, 4, bytes.length));
        assertThat(keyPackage.ref()).isEqualTo(expected.get("ref").asString());
        assertThat(keyPackage.mlsReference()).isEqualTo(bytes(expected.get("mlsReference")));
    }

    @Test
    void givenALastResortPackageOfTheSameDevice_whenRead_thenItHasTheSameSignatureKeyAndAnotherRef() {
        KeyPackageMessage first = MlsWire.readBase64(text("keyPackage", "message"), KeyPackageMessage.class);

        KeyPackageMessage lastResort = MlsWire.readBase64(text("lastResortKeyPackage"), KeyPackageMessage.class);

        assertThat(lastResort.signatureKey()).isEqualTo(first.signatureKey());
        assertThat(lastResort.ref()).isNotEqualTo(first.ref());
    }

    @Test
    void givenACommitAddingTwoDevices_whenRead_thenItsAddsCarryTheClaimedPackages() {
        JsonNode expected = FIXTURES.get("commitAddingTwo");

        PublicMessage commit = (PublicMessage) MlsWire.read(bytes(expected.get("message")));

        assertThat(commit.groupId()).isEqualTo(bytes(FIXTURES.get("groupId")));
        assertThat(commit.epoch()).isZero();
        assertThat(commit.sender()).isEqualTo(new Sender(Sender.MEMBER, 0));
        assertThat(commit.contentType()).isEqualTo(ContentType.COMMIT);
        assertThat(commit.commit().proposals()).hasSize(2).allMatch(Proposal.Add.class::isInstance);
        assertThat(commit.commit().proposals().stream().map(p -> ((Proposal.Add) p).keyPackage().ref()))
                .containsExactly(text("keyPackage", "ref"), packageRef(text("carolKeyPackage")));
    }

    @Test
    void givenTheWelcomeOfThoseAdds_whenRead_thenItNamesBothPackagesByTheirMlsReference() {
        WelcomeMessage welcome = MlsWire.readBase64(text("welcome"), WelcomeMessage.class);

        assertThat(welcome.cipherSuite()).isEqualTo(KeyPackageMessage.CIPHER_SUITE_1);
        assertThat(welcome.newMembers()).hasSize(2)
                .anySatisfy(ref -> assertThat(ref).isEqualTo(bytes(FIXTURES.get("keyPackage").get("mlsReference"))))
                .anySatisfy(ref -> assertThat(ref).isEqualTo(MlsWire.readBase64(text("carolKeyPackage"),
                        KeyPackageMessage.class).mlsReference()));
    }

    @Test
    void givenAnApplicationMessage_whenRead_thenOnlyItsGroupEpochAndTypeAreKnown() {
        PrivateMessage message = MlsWire.readBase64(text("application", "message"), PrivateMessage.class);

        assertThat(message.groupId()).isEqualTo(bytes(FIXTURES.get("groupId")));
        assertThat(message.epoch()).isEqualTo(1);
        assertThat(message.contentType()).isEqualTo(ContentType.APPLICATION);
    }

    @Test
    void givenACommitEncryptedAsAPrivateMessage_whenRead_thenItIsACommitTheDsCannotLookInto() {
        PrivateMessage message = MlsWire.readBase64(text("privateCommit", "message"), PrivateMessage.class);

        assertThat(message.contentType()).isEqualTo(ContentType.COMMIT);
        assertThat(message.epoch()).isEqualTo(2);
    }

    @Test
    void givenAProposalSentOnItsOwn_whenRead_thenItIsAPublicProposalWithoutCommit() {
        PublicMessage proposal = MlsWire.readBase64(text("removeProposal", "message"), PublicMessage.class);

        assertThat(proposal.contentType()).isEqualTo(ContentType.PROPOSAL);
        assertThat(proposal.commit()).isNull();
        assertThat(proposal.sender()).isEqualTo(new Sender(Sender.MEMBER, 1));
        assertThat(proposal.epoch()).isEqualTo(1);
    }

    @Test
    void givenACommitOfThatProposal_whenRead_thenItHoldsAReferenceAndAnUpdatePath() {
        PublicMessage commit = MlsWire.readBase64(text("commitByReference", "message"), PublicMessage.class);

        assertThat(commit.commit().proposals()).singleElement().isInstanceOf(Proposal.Reference.class);
        assertThat(commit.commit().hasPath()).isTrue();
        assertThat(commit.commit().pathLeaf().source()).isEqualTo(LeafNode.SOURCE_COMMIT);
        assertThat(commit.commit().pathLeaf().signatureKey())
                .isEqualTo(bytes(FIXTURES.get("aliceSignatureKey")));
    }

    @Test
    void givenACommitOfAnotherProposalType_whenRead_thenTheProposalIsKeptByItsTypeOnly() {
        PublicMessage commit = MlsWire.readBase64(text("commitWithExtensions", "message"), PublicMessage.class);

        assertThat(commit.commit().proposals())
                .containsExactly(new Proposal.Other(Proposal.GROUP_CONTEXT_EXTENSIONS));
        assertThat(commit.epoch()).isEqualTo(2);
    }

    @Test
    void givenAGroupInfo_whenRead_thenItsGroupAndEpochAreFound() {
        GroupInfoMessage info = MlsWire.readBase64(text("groupInfo", "message"), GroupInfoMessage.class);

        assertThat(info.cipherSuite()).isEqualTo(KeyPackageMessage.CIPHER_SUITE_1);
        assertThat(info.groupId()).isEqualTo(bytes(FIXTURES.get("groupId")));
        assertThat(info.epoch()).isEqualTo(3);
    }

    @Test
    void givenEveryMessageCutShort_whenRead_thenEachPrefixIsMalformed() {
        for (byte[] message : allMessages()) {
            for (int length = 0; length < message.length; length++) {
                byte[] prefix = Arrays.copyOf(message, length);
                assertThatThrownBy(() -> MlsWire.read(prefix)).as("prefix of %d bytes", length)
                        .isInstanceOf(MalformedMls.class);
            }
        }
    }

    @Test
    void givenEveryMessageWithAByteMore_whenRead_thenTheTrailingByteIsMalformed() {
        for (byte[] message : allMessages()) {
            byte[] longer = Arrays.copyOf(message, message.length + 1);

            assertThatThrownBy(() -> MlsWire.read(longer)).isInstanceOf(MalformedMls.class)
                    .hasMessageContaining("left over");
        }
    }

    @Test
    void givenEveryMessageWithAnyOneBitFlipped_whenRead_thenTheAnswerIsAMessageOrMalformedNothingElse() {
        for (byte[] message : allMessages()) {
            for (int i = 0; i < message.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] flipped = message.clone();
                    flipped[i] ^= (byte) (1 << bit);
                    readsOrIsMalformed(flipped);
                }
            }
        }
    }

    @Test
    void givenRandomlySpoiledMessages_whenRead_thenTheAnswerIsAMessageOrMalformedNothingElse() {
        Random random = new Random(9420);
        for (byte[] message : allMessages()) {
            for (int round = 0; round < 3000; round++) {
                readsOrIsMalformed(spoil(message, random));
            }
        }
    }

    @Test
    void givenAnUnknownVersionOrWireFormat_whenRead_thenItIsMalformed() {
        byte[] keyPackage = bytes(FIXTURES.get("keyPackage").get("message"));

        assertMalformed(with(keyPackage, 1, 2), "protocol version 2");
        assertMalformed(with(keyPackage, 3, 6), "unknown wire format 6");
        assertMalformed(with(keyPackage, 3, 0), "unknown wire format 0");
    }

    @Test
    void givenAForgedVectorLength_whenRead_thenItIsMalformedWithoutAllocatingIt() {
        byte[] keyPackage = bytes(FIXTURES.get("keyPackage").get("message"));
        int initKeyLength = 8; // header 4, version 2, cipher suite 2
        assertThat(keyPackage[initKeyLength]).isEqualTo((byte) 32);

        byte[] huge = splice(keyPackage, initKeyLength, 1, new byte[] {(byte) 0xbf, -1, -1, -1});
        byte[] longerThanLeft = with(keyPackage, initKeyLength, 63);
        byte[] eightBytePrefix = with(keyPackage, initKeyLength, 0xc0);
        byte[] notMinimal = splice(keyPackage, initKeyLength, 1, new byte[] {0x40, 32});

        assertMalformed(huge, "truncated vector");
        assertMalformed(eightBytePrefix, "0b11");
        assertMalformed(notMinimal, "minimally");
        assertThatThrownBy(() -> MlsWire.read(longerThanLeft)).isInstanceOf(MalformedMls.class);
    }

    @Test
    void givenAPresenceOctetOtherThanZeroOrOne_whenRead_thenItIsMalformed() {
        byte[] commit = bytes(FIXTURES.get("commitByReference").get("message"));
        // header 4, group id 1+16, epoch 8, sender 1+4, authenticated data 1, content type 1, then the proposals:
        // a 1-byte length, one by-reference item (type 1, ref 1+32), then optional<UpdatePath>
        int proposals = 4 + 17 + 8 + 5 + 1 + 1;
        assertThat(commit[proposals]).isEqualTo((byte) 34);
        int presence = proposals + 1 + 34;
        assertThat(commit[presence]).isEqualTo((byte) 1);

        assertMalformed(with(commit, presence, 2), "presence");
    }

    @Test
    void givenASenderThatCannotSendThisContent_whenRead_thenItIsMalformed() {
        byte[] proposal = bytes(FIXTURES.get("removeProposal").get("message"));
        int senderType = 4 + 17 + 8;
        assertThat(proposal[senderType]).isEqualTo((byte) Sender.MEMBER);
        // a new_member_commit sender has no index: drop the 4 bytes of the leaf index with it
        byte[] newMemberCommit = splice(proposal, senderType, 5, new byte[] {Sender.NEW_MEMBER_COMMIT});
        byte[] unknownSender = with(proposal, senderType, 9);

        byte[] commit = bytes(FIXTURES.get("commitByReference").get("message"));
        byte[] externalCommit = with(commit, senderType, Sender.EXTERNAL);

        assertMalformed(unknownSender, "unknown sender type");
        assertMalformed(newMemberCommit, "cannot send content type 2");
        assertMalformed(externalCommit, "cannot send content type 3");
    }

    @Test
    void givenBase64ThatIsNotAMessageOfTheWantedKind_whenRead_thenItIsMalformed() {
        assertThatThrownBy(() -> MlsWire.readBase64("not base64!")).isInstanceOf(MalformedMls.class);
        assertThatThrownBy(() -> MlsWire.readBase64(null)).isInstanceOf(MalformedMls.class);
        assertThatThrownBy(() -> MlsWire.read(null)).isInstanceOf(MalformedMls.class);
        assertThatThrownBy(() -> MlsWire.readBase64(text("welcome"), KeyPackageMessage.class))
                .isInstanceOf(MalformedMls.class).hasMessageContaining("expected a KeyPackageMessage");
    }

    private static void readsOrIsMalformed(byte[] bytes) {
        try {
            MlsWire.read(bytes);
        } catch (MalformedMls expected) {
            // the other allowed answer
        } catch (RuntimeException e) {
            fail("%s on %s", e, Base64.getEncoder().encodeToString(bytes));
        }
    }

    /** One to three random edits: overwrite, insert or delete a byte, or set a byte to a length-prefix value. */
    private static byte[] spoil(byte[] message, Random random) {
        byte[] bytes = message;
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(bytes.length);
            bytes = switch (random.nextInt(4)) {
                case 0 -> with(bytes, at, random.nextInt(256));
                case 1 -> splice(bytes, at, 0, new byte[] {(byte) random.nextInt(256)});
                case 2 -> splice(bytes, at, 1, new byte[0]);
                default -> with(bytes, at, List.of(0x00, 0x3f, 0x40, 0x7f, 0x80, 0xbf, 0xff).get(random.nextInt(7)));
            };
        }
        return bytes;
    }

    private static void assertMalformed(byte[] bytes, String reason) {
        assertThatThrownBy(() -> MlsWire.read(bytes)).isInstanceOf(MalformedMls.class).hasMessageContaining(reason);
    }

    private static byte[] with(byte[] bytes, int at, int value) {
        byte[] changed = bytes.clone();
        changed[at] = (byte) value;
        return changed;
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] changed = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, changed, 0, at);
        System.arraycopy(insert, 0, changed, at, insert.length);
        System.arraycopy(bytes, at + remove, changed, at + insert.length, bytes.length - at - remove);
        return changed;
    }

    private static List<byte[]> allMessages() {
        return List.of(bytes(FIXTURES.get("keyPackage").get("message")), Base64.getDecoder().decode(
                        text("lastResortKeyPackage")), Base64.getDecoder().decode(text("carolKeyPackage")),
                bytes(FIXTURES.get("commitAddingTwo").get("message")), Base64.getDecoder().decode(text("welcome")),
                bytes(FIXTURES.get("application").get("message")), bytes(FIXTURES.get("removeProposal").get("message")),
                bytes(FIXTURES.get("commitByReference").get("message")),
                bytes(FIXTURES.get("commitWithExtensions").get("message")),
                bytes(FIXTURES.get("groupInfo").get("message")), bytes(FIXTURES.get("privateCommit").get("message")));
    }

    private static String packageRef(String base64) {
        return MlsWire.readBase64(base64, KeyPackageMessage.class).ref();
    }

    private static String text(String... path) {
        JsonNode node = FIXTURES;
        for (String name : path) {
            node = node.get(name);
        }
        return node.asString();
    }

    private static byte[] bytes(JsonNode base64) {
        return Base64.getDecoder().decode(base64.asString());
    }

    private static JsonNode fixtures() {
        try (InputStream in = MlsWireUnitTest.class.getResourceAsStream("/mls/ts-mls-messages.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
