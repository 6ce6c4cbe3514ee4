package io.secureconnect.storage.file;

import static io.secureconnect.storage.StorageClient.json;
import static io.secureconnect.storage.StorageClient.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import io.secureconnect.storage.StorageClient;
import io.secureconnect.storage.StorageClient.User;
import io.secureconnect.storage.StorageIntegrationTest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

/**
 * Names with path traversal, Unicode, quotes and CR/LF are stored in a safe form and come back from S3 in one
 * well-formed Content-Disposition header that names exactly the stored name.
 */
class HostileFileNamesIntegrationTest extends StorageIntegrationTest {

    static Stream<Arguments> hostileNames() {
        return Stream.of(
                Arguments.of("traversal", "../../etc/passwd", "_.._etc_passwd"),
                Arguments.of("windows traversal", "..\\..\\boot.ini", "_.._boot.ini"),
                Arguments.of("unicode", "Grüße 日本語 😀.txt", "Grüße 日本語 😀.txt"),
                Arguments.of("quotes", "say \"hi\" it's me.txt", "say \"hi\" it's me.txt"),
                Arguments.of("header injection", "a.txt\r\nSet-Cookie: x=1", "a.txtSet-Cookie: x=1"),
                Arguments.of("only dots", "..", "file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileNames")
    void hostileNamesAreStoredAndServedSafely(String label, String name, String expected) throws Exception {
        User ann = User.random();
        byte[] bytes = randomBytes(32);
        JsonNode ticket = json(storage.send("POST", "/api/v1/files", ann, StorageClient.JSON.writeValueAsString(
                java.util.Map.of("name", name, "size", 32, "contentType", "text/plain", "encrypted", false))), 201);
        assertThat(storage.putToTicket(ticket, bytes)).isEqualTo(200);
        String id = ticket.get("id").asString();

        JsonNode file = json(storage.complete(ann, id), 200);
        HttpResponse<byte[]> downloaded = storage.fetch(json(storage.download(ann, id), 200).get("url").asString());

        assertThat(file.get("name").asString()).isEqualTo(expected);
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(bytes);
        assertThat(downloaded.headers().allValues("Set-Cookie")).isEmpty();
        List<String> dispositions = downloaded.headers().allValues("Content-Disposition");
        assertThat(dispositions).hasSize(1);
        String disposition = dispositions.getFirst();
        assertThat(disposition).doesNotContain("\r", "\n", "/", "\\");
        assertThat(disposition).matches("attachment; filename=\"[\\x20-\\x7e&&[^\"\\\\]]*\"; filename\\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+");
        String encoded = disposition.substring(disposition.indexOf("UTF-8''") + "UTF-8''".length());
        assertThat(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(expected);
    }
}
