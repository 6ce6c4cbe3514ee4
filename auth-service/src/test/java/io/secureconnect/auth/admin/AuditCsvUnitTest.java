package io.secureconnect.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import io.secureconnect.common.audit.AuditRecord;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** S22: text from users in an audit export never runs as a spreadsheet formula, however it starts. */
class AuditCsvUnitTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"})
    void aValueThatASpreadsheetWouldRunGetsALeadingApostrophe(String reason) {
        String line = AuditCsv.line(record(reason));

        // the reason field comes right after the result; quoted when it holds a quote, comma or line break
        assertThat(line).containsAnyOf("FAILURE,'", "FAILURE,\"'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong password", "status 403", "a, b"})
    void plainTextStaysAsItIs(String reason) {
        assertThat(AuditCsv.line(record(reason))).doesNotContain("'");
    }

    private static AuditRecord record(String reason) {
        return new AuditRecord(UUID.randomUUID(), Instant.parse("2026-12-07T00:00:00Z"), "auth-service", "i-1", 1,
                null, "user:1", "auth.login", "FAILURE", reason, "203.0.113.7", "req-1", AuditRecord.GENESIS, "h",
                AuditRecord.KEYED);
    }
}
