package io.secureconnect.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;

/**
 * Looks for plaintext that must never have left the browsers, everywhere the server side keeps or passes data: every
 * row of the given databases, every S3 object, every file the services wrote, and what went through Redis. A marker
 * counts as found in its own bytes, as hex (how PostgreSQL prints {@code bytea}) and as base64 at each of the three
 * alignments, so a client that merely encoded its plaintext is caught too. Markers are ASCII, at least 12 characters.
 */
final class PlaintextSweep {

    private final List<String> markers;
    private final List<String> findings = new ArrayList<>();
    private int places;

    PlaintextSweep(List<String> markers) {
        markers.forEach(marker -> {
            if (marker.length() < 12 || !StandardCharsets.US_ASCII.newEncoder().canEncode(marker)) {
                throw new IllegalArgumentException("a marker must be ASCII and at least 12 characters: " + marker);
            }
        });
        this.markers = List.copyOf(markers);
    }

    /** Every row of every table of the database, as PostgreSQL prints it. */
    PlaintextSweep database(String name, String jdbcUrl) {
        try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             var tables = connection.createStatement().executeQuery("""
                     SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')""")) {
            var names = new ArrayList<String>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (var table : names) {
                try (var rows = connection.createStatement().executeQuery("SELECT t::text FROM " + table + " t")) {
                    var text = new StringBuilder();
                    while (rows.next()) {
                        text.append(rows.getString(1)).append('\n');
                    }
                    look(name + " table " + table, text.toString());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read database " + name, e);
        }
        return this;
    }

    /** Every object of every bucket. */
    PlaintextSweep s3(MinioClient s3) {
        try {
            for (var bucket : s3.listBuckets()) {
                for (var item : s3.listObjects(ListObjectsArgs.builder().bucket(bucket.name()).recursive(true).build())) {
                    var key = item.get().objectName();
                    try (var object = s3.getObject(GetObjectArgs.builder().bucket(bucket.name()).object(key).build())) {
                        look("S3 object " + bucket.name() + "/" + key,
                                new String(object.readAllBytes(), StandardCharsets.ISO_8859_1));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read the S3 objects", e);
        }
        return this;
    }

    PlaintextSweep files(List<Path> files) {
        for (var file : files) {
            try {
                look("file " + file, new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    PlaintextSweep text(String where, String text) {
        look(where, text);
        return this;
    }

    /** Where a marker was found, one line each; empty when none was. */
    List<String> findings() {
        return List.copyOf(findings);
    }

    /** How many places were searched (tables, objects, files, texts). */
    int places() {
        return places;
    }

    private void look(String where, String text) {
        places++;
        for (var marker : markers) {
            for (var form : forms(marker)) {
                if (text.contains(form)) {
                    findings.add("\"" + marker + "\" in " + where + (form.equals(marker) ? "" : " (as \"" + form + "\")"));
                    break;
                }
            }
        }
    }

    /** The marker, its hex, and the part of its base64 that does not depend on the bytes around it. */
    private static List<String> forms(String marker) {
        var bytes = marker.getBytes(StandardCharsets.US_ASCII);
        var forms = new ArrayList<>(List.of(marker, HexFormat.of().formatHex(bytes)));
        for (int shift = 0; shift < 3; shift++) {
            var shifted = new byte[bytes.length + shift];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            var encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            // the first chars mix in the shift's zero bytes and the last may mix in what follows: drop both ends
            int skip = shift == 0 ? 0 : (shift * 8 + 5) / 6;
            var stable = encoded.substring(skip, Math.max(skip, encoded.length() - 2));
            forms.add(stable);
            forms.add(stable.replace('+', '-').replace('/', '_'));
        }
        return forms;
    }
}
