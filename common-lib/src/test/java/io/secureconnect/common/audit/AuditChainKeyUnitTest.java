package io.secureconnect.common.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the chain key comes from: configuration, else a file generated once (owner-only) and read on every start. */
class AuditChainKeyUnitTest {

    @TempDir
    Path dir;

    @Test
    void aKeyGeneratedIntoAFileIsOwnerOnlyAndTheSameOnTheNextStart() throws Exception {
        Path file = dir.resolve("data/audit-chain.key");

        String first = AuditChainKey.resolve("", file).mac("row");
        String again = AuditChainKey.resolve(null, file).mac("row");

        assertThat(again).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(AuditChainKey.MIN_BYTES);
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void aConfiguredKeyWinsOverTheFileAndDifferentKeysGiveDifferentHashes() {
        String configured = Base64.getEncoder().encodeToString(new byte[32]);

        String fromConfiguration = AuditChainKey.resolve(configured, dir.resolve("never.key")).mac("row");

        assertThat(dir.resolve("never.key")).doesNotExist();
        assertThat(fromConfiguration).hasSize(64).isNotEqualTo(AuditChainKey.resolve("", dir.resolve("other.key")).mac("row"));
    }

    @Test
    void aShortOrMalformedKeyIsRefused() {
        assertThatThrownBy(() -> AuditChainKey.resolve(Base64.getEncoder().encodeToString(new byte[16]), dir.resolve("k")))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> AuditChainKey.resolve("not base64 at all!", dir.resolve("k")))
                .hasMessageContaining("not base64");
    }
}
