package io.secureconnect.auth.admin;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.secureconnect.common.audit.AuditRecord;

/**
 * Audit rows as CSV (RFC 4180). A value that a spreadsheet would run as a formula (starting with = + - @, or with a
 * tab or carriage return, which some spreadsheets skip before one) gets a leading apostrophe, since audit fields
 * carry text from users.
 */
final class AuditCsv {

    static final String HEADER = "event_id,timestamp,service,instance_id,seq,user_id,resource,action,result,reason,"
            + "client_ip,request_id,hash\r\n";

    private AuditCsv() {
    }

    static String line(AuditRecord record) {
        return Stream.of(record.eventId(), record.occurredAt(), record.service(), record.instanceId(), record.seq(),
                        record.userId(), record.resource(), record.action(), record.result(), record.reason(),
                        record.clientIp(), record.requestId(), record.hash())
                .map(value -> value == null ? "" : field(value.toString()))
                .collect(Collectors.joining(",", "", "\r\n"));
    }

    private static String field(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
