package io.secureconnect.bench.gateway;

import io.secureconnect.bench.BenchmarkFailure;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The service end of a WebSocket, as cheap as we can make it, for the {@code websocket} route (nginx's
 * {@code return} cannot answer an upgrade): accepts the RFC 6455 handshake on any path, echoing the {@code bearer}
 * subprotocol when offered (as chat-service does), then reads frames until the client's close, answers it and
 * closes the connection (the server closes the TCP connection first, as RFC 6455 asks). A plain GET gets 200, so
 * the benchmark can see it is up. One virtual thread per connection.
 *
 * <p>Run as its own process ({@code java -cp bench.jar io.secureconnect.bench.gateway.WebSocketStub PORT}) so that
 * its CPU time is measured apart from the load generator's, like the nginx stub's.
 */
public final class WebSocketStub {

    /** RFC 6455, section 1.3. */
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;
    private static final int LONGEST_HEADER = 64 * 1024;

    private WebSocketStub() {
    }

    /** Starts the stub as a process of its own, on this JVM's class path, and waits until it answers. */
    static ChildProcess start(Path work, int port, HttpClient http)
            throws IOException, BenchmarkFailure, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ChildProcess stub = ChildProcess.start("websocket-stub", List.of(java, "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), WebSocketStub.class.getName(), Integer.toString(port)),
                Map.of(), work);
        try {
            stub.awaitReady(http, URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(30));
        } catch (BenchmarkFailure | InterruptedException e) {
            stub.close();
            throw e;
        }
        return stub;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: WebSocketStub PORT");
            System.exit(2);
        }
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 4096, InetAddress.getLoopbackAddress())) {
            System.out.println("WebSocket stub listening on 127.0.0.1:" + server.getLocalPort());
            acceptUntilClosed(server);
        }
    }

    /** Serves every connection the server socket accepts, until it is closed. */
    static void acceptUntilClosed(ServerSocket server) {
        try (ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor()) {
            while (!server.isClosed()) {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            }
        } catch (IOException e) {
            // closed: done
        }
    }

    private static void serve(Socket connection) {
        try (Socket socket = connection) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            Map<String, String> headers = readRequestHeaders(in);
            String key = headers.get("sec-websocket-key");
            if (key == null || !headers.getOrDefault("upgrade", "").toLowerCase(Locale.ROOT).contains("websocket")) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                        + "Connection: close\r\n\r\nok").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            String protocols = headers.getOrDefault("sec-websocket-protocol", "");
            boolean bearer = protocols.toLowerCase(Locale.ROOT).matches("^\\s*bearer\\s*(,.*)?$");
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + acceptValue(key) + "\r\n"
                    + (bearer ? "Sec-WebSocket-Protocol: bearer\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            answerFramesUntilClose(in, out);
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    /** base64(SHA-1(key + GUID)), RFC 6455 section 4.2.2. */
    static String acceptValue(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** The request line and headers (names lower-cased), up to the blank line. */
    static Map<String, String> readRequestHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        boolean requestLine = true;
        while (true) {
            String line = readLine(in);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (!requestLine && colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            requestLine = false;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the request headers");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > LONGEST_HEADER) {
                throw new IOException("request header line too long");
            }
            line.write(b);
            previous = b;
        }
    }

    /** Client frames are masked (RFC 6455 section 5.3); ours go out unmasked. Pings get pongs, data is ignored. */
    private static void answerFramesUntilClose(InputStream in, OutputStream out) throws IOException {
        while (true) {
            int first = in.read();
            int second = in.read();
            if (first < 0 || second < 0) {
                return;
            }
            int opcode = first & 0x0F;
            long length = second & 0x7F;
            if (length == 126) {
                length = (readByte(in) << 8) | readByte(in);
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte(in);
                }
            }
            byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : null;
            if (opcode == OPCODE_CLOSE || opcode == OPCODE_PING) {
                byte[] payload = in.readNBytes((int) Math.min(length, 125));
                if (mask != null) {
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                }
                out.write(0x80 | (opcode == OPCODE_CLOSE ? OPCODE_CLOSE : OPCODE_PONG));
                out.write(payload.length);
                out.write(payload);
                out.flush();
                if (opcode == OPCODE_CLOSE) {
                    return;
                }
            } else {
                in.skipNBytes(length);
            }
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed in a frame header");
        }
        return b;
    }
}
