package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Files as clients store them: announced to storage-service, sent straight to S3 with the presigned URL, completed. */
final class StoredFiles {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StoredFiles() {
    }

    /** Announces, uploads and completes a small file; its id. */
    static String upload(SecureConnectSystem system, SignedUpUser owner, String name, byte[] content) {
        var ticket = announce(system, owner, name, content.length);
        assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
        assertThat(put(ticket, content)).isEqualTo(200);
        var completed = Api.request("POST", system.gateway("/api/v1/files/" + ticket.member("id") + "/complete"), null)
                .bearer(owner.token()).send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        return ticket.member("id");
    }

    static Api.Reply announce(SecureConnectSystem system, SignedUpUser owner, String name, int size) {
        return Api.request("POST", system.gateway("/api/v1/files"), "{\"name\":\"" + name + "\",\"size\":" + size
                + ",\"contentType\":\"application/octet-stream\",\"encrypted\":false}").bearer(owner.token()).send();
    }

    /** PUTs the content to the ticket's presigned URL, with the headers it names; S3's status, -1 when unreachable. */
    static int put(Api.Reply ticket, byte[] content) {
        var put = HttpRequest.newBuilder(URI.create(ticket.member("uploadUrl"))).PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        ticket.json().path("uploadHeaders").properties().forEach(header -> {
            if (!header.getKey().equalsIgnoreCase("Content-Length") && !header.getKey().equalsIgnoreCase("Host")) {
                put.header(header.getKey(), header.getValue().asString());
            }
        });
        try {
            return send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (UncheckedIOException unreachable) {
            return -1;
        }
    }

    /** The file's bytes, fetched from S3 with the download link storage-service hands out. */
    static byte[] download(SecureConnectSystem system, SignedUpUser reader, String fileId) {
        var link = Api.get(system.gateway("/api/v1/files/" + fileId + "/download")).bearer(reader.token()).send();
        assertThat(link.status()).as(link.toString()).isEqualTo(200);
        var response = send(HttpRequest.newBuilder(URI.create(link.member("url"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
