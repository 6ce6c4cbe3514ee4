package io.secureconnect.chat.mlswire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.secureconnect.testsupport.mls.MlsTestClient;

/**
 * The wire reader on what a live ts-mls client writes, in the order the Delivery Service sees it: key packages
 * uploaded, a commit adding their devices, its Welcome, an application message, a commit removing a device.
 */
class MlsWireWithTsMlsIntegrationTest {

    @RegisterExtension
    static final MlsTestClient mls = MlsTestClient.perTestClass();

    @Test
    void givenACommitAddingTwoClaimedPackages_whenTheDsReadsIt_thenItSeesBothAddsAndWhoSentIt() {
        // given three devices with packages, the first one in a new group
        byte[] group = MlsTestClient.groupId(UUID.randomUUID());
        String alice = device("alice"), bob = device("bob"), carol = device("carol");
        String bobPackage = mls.keyPackages(bob, identity(bob), 1, false).keyPackages().getFirst();
        var carolPackages = mls.keyPackages(carol, identity(carol), 2, true);
        mls.keyPackages(alice, identity(alice), 1, false);
        mls.createGroup(alice, group);

        // when alice adds bob and carol
        var added = mls.commit(alice, group, List.of(bobPackage, carolPackages.lastResort()), List.of());
        PublicMessage commit = MlsWire.readBase64(added.commit(), PublicMessage.class);

        // then the DS reads a commit on epoch 0 from leaf 0 adding exactly the two packages it handed out
        assertThat(commit.groupId()).isEqualTo(group);
        assertThat(commit.epoch()).isZero();
        assertThat(commit.sender()).isEqualTo(new Sender(Sender.MEMBER, 0));
        assertThat(commit.contentType()).isEqualTo(ContentType.COMMIT);
        assertThat(commit.commit().proposals()).map(p -> ((Proposal.Add) p).keyPackage().ref())
                .containsExactly(ref(bobPackage), ref(carolPackages.lastResort()));
        assertThat(((Proposal.Add) commit.commit().proposals().getFirst()).keyPackage().identity())
                .isEqualTo(identity(bob));
        assertThat(added.epoch()).isEqualTo(1);
        // and the Welcome is for those two packages
        WelcomeMessage welcome = MlsWire.readBase64(added.welcome(), WelcomeMessage.class);
        assertThat(welcome.newMembers()).hasSize(2).anySatisfy(member -> assertThat(member)
                .isEqualTo(MlsWire.readBase64(bobPackage, KeyPackageMessage.class).mlsReference()));
    }

    @Test
    void givenAGroupOfThree_whenOneSendsAndAnotherRemovesADevice_thenTheDsReadsBothAndTheMembersFollow() {
        // given alice, bob and carol in one group, bob and carol joined from the Welcome
        byte[] group = MlsTestClient.groupId(UUID.randomUUID());
        String alice = device("alice"), bob = device("bob"), carol = device("carol");
        String bobPackage = mls.keyPackages(bob, identity(bob), 1, false).keyPackages().getFirst();
        String carolPackage = mls.keyPackages(carol, identity(carol), 1, false).keyPackages().getFirst();
        mls.keyPackages(alice, identity(alice), 1, false);
        mls.createGroup(alice, group);
        var added = mls.commit(alice, group, List.of(bobPackage, carolPackage), List.of());
        assertThat(mls.join(bob, added.welcome(), added.ratchetTree()).leafIndex()).isEqualTo(1);
        assertThat(mls.join(carol, added.welcome(), added.ratchetTree()).leafIndex()).isEqualTo(2);

        // when alice sends, then bob removes carol
        String sent = mls.encrypt(alice, group, "hello");
        var removed = mls.commit(bob, group, List.of(), List.of(2));

        // then the DS reads an application message and a commit removing leaf 2, and the members follow
        PrivateMessage application = MlsWire.readBase64(sent, PrivateMessage.class);
        assertThat(application.epoch()).isEqualTo(1);
        assertThat(application.contentType()).isEqualTo(ContentType.APPLICATION);
        assertThat(mls.decrypt(bob, group, sent)).isEqualTo("hello");
        PublicMessage commit = MlsWire.readBase64(removed.commit(), PublicMessage.class);
        assertThat(commit.sender()).isEqualTo(new Sender(Sender.MEMBER, 1));
        assertThat(commit.epoch()).isEqualTo(1);
        assertThat(commit.commit().proposals()).containsExactly(new Proposal.Remove(2));
        assertThat(commit.commit().hasPath()).isTrue();
        assertThat(commit.commit().pathLeaf().identity()).isEqualTo(identity(bob));
        assertThat(mls.process(alice, group, removed.commit()).epoch()).isEqualTo(2);
        assertThat(mls.decrypt(bob, group, mls.encrypt(alice, group, "after"))).isEqualTo("after");
    }

    @Test
    void givenManyPackagesEachWithItsOwnRandomGrease_whenRead_thenEveryOneCarriesTheDevicesKeyAndIdentity() {
        String device = "bob-" + UUID.randomUUID();
        byte[] signatureKey = mls.newDevice(device);

        var packages = mls.keyPackages(device, identity(device), 50, true);

        assertThat(packages.keyPackages()).hasSize(50).allSatisfy(text -> {
            KeyPackageMessage keyPackage = MlsWire.readBase64(text, KeyPackageMessage.class);
            assertThat(keyPackage.signatureKey()).isEqualTo(signatureKey);
            assertThat(keyPackage.identity()).isEqualTo(identity(device));
        });
        assertThat(packages.keyPackages().stream().map(MlsWireWithTsMlsIntegrationTest::ref).distinct()).hasSize(50);
        assertThat(MlsWire.readBase64(packages.lastResort(), KeyPackageMessage.class).signatureKey())
                .isEqualTo(signatureKey);
    }

    @Test
    void givenACommitTheDsRefused_whenTheCommitterDiscardsItAndCommitsAgain_thenTheOthersFollowTheSecond() {
        // given alice and bob in a group, and a commit of alice's adding carol that the DS refused
        byte[] group = MlsTestClient.groupId(UUID.randomUUID());
        String alice = device("alice"), bob = device("bob"), carol = device("carol");
        String bobPackage = mls.keyPackages(bob, identity(bob), 1, false).keyPackages().getFirst();
        String carolPackage = mls.keyPackages(carol, identity(carol), 1, false).keyPackages().getFirst();
        mls.keyPackages(alice, identity(alice), 1, false);
        mls.createGroup(alice, group);
        var added = mls.commit(alice, group, List.of(bobPackage), List.of());
        mls.join(bob, added.welcome(), added.ratchetTree());
        var refused = mls.commit(alice, group, List.of(carolPackage), List.of());
        assertThat(refused.epoch()).isEqualTo(2);

        // when alice takes it back and commits the same add again
        assertThat(mls.discardCommit(alice, group)).isEqualTo(1);
        var accepted = mls.commit(alice, group, List.of(carolPackage), List.of());

        // then bob follows the second commit, carol joins from its Welcome, and all three read each other
        assertThat(MlsWire.readBase64(accepted.commit(), PublicMessage.class).epoch()).isEqualTo(1);
        assertThat(mls.process(bob, group, accepted.commit()).epoch()).isEqualTo(2);
        assertThat(mls.join(carol, accepted.welcome(), accepted.ratchetTree()).leafIndex()).isEqualTo(2);
        String sent = mls.encrypt(carol, group, "hi both");
        assertThat(mls.decrypt(alice, group, sent)).isEqualTo("hi both");
        assertThat(mls.decrypt(bob, group, sent)).isEqualTo("hi both");
    }

    @Test
    void givenBytesThatAreNoMlsMessage_whenTheClientProcessesThem_thenItRefusesAndKeepsServing() {
        byte[] group = MlsTestClient.groupId(UUID.randomUUID());
        String alice = device("alice");
        mls.keyPackages(alice, identity(alice), 1, false);
        mls.createGroup(alice, group);

        assertThatThrownBy(() -> mls.process(alice, group, "AAEAAQ=="))
                .isInstanceOf(MlsTestClient.MlsClientException.class);
        assertThat(mls.leafIndex(alice, group)).isZero();
    }

    /** A device name of its own per test: the client outlives each test. */
    private static String device(String who) {
        String name = who + "-" + UUID.randomUUID();
        assertThat(mls.newDevice(name)).hasSize(32);
        return name;
    }

    private static byte[] identity(String device) {
        return ("credential of " + device).getBytes(StandardCharsets.UTF_8);
    }

    private static String ref(String keyPackage) {
        return MlsWire.readBase64(keyPackage, KeyPackageMessage.class).ref();
    }
}
