package io.secureconnect.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WebSocketStubUnitTest {

    @Test
    void theAcceptValueIsTheOneOfRfc6455() {
        // RFC 6455, section 1.3
        assertThat(WebSocketStub.acceptValue("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void theJdkClientOpensWithTheBearerSubprotocolAndTheStubAnswersItsClose() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HttpClient http = HttpClient.newHttpClient()) {
            Thread.ofVirtual().start(() -> WebSocketStub.acceptUntilClosed(server));
            URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws/chat");
            CompletableFuture<Integer> closedByServer = new CompletableFuture<>();
            WebSocket socket = http.newWebSocketBuilder().subprotocols("bearer", "a.b.c")
                    .buildAsync(uri, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closedByServer.complete(statusCode);
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);

            assertThat(socket.getSubprotocol()).isEqualTo("bearer");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            assertThat(closedByServer.get(5, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);

            HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.getLocalPort() + "/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUpgradeOperationOpensAndClosesWithoutFailing() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HttpClient http = HttpClient.newHttpClient()) {
            Thread.ofVirtual().start(() -> WebSocketStub.acceptUntilClosed(server));
            URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws/chat");

            WebSocketUpgrade.operation(http, uri, () -> "a.b.c", Duration.ofSeconds(5)).perform();
        }
    }
}
