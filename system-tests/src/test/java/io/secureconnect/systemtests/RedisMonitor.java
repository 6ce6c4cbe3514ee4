package io.secureconnect.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Every command Redis executes while it is open ({@code MONITOR}): the values set, the messages published, the
 * entries added to streams. A test reads {@link #seen()} to prove what never passed through Redis.
 */
final class RedisMonitor implements AutoCloseable {

    private final Socket socket;
    private final StringBuffer seen = new StringBuffer();
    private final Thread reader;

    private RedisMonitor(Socket socket) throws IOException {
        this.socket = socket;
        socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        var lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.reader = Thread.ofVirtual().name("redis-monitor").start(() -> {
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    seen.append(line).append('\n');
                }
            } catch (IOException closed) {
                // the socket was closed by close(), or Redis went away: what was seen is kept
            }
        });
    }

    static RedisMonitor attach(int port) throws IOException {
        return new RedisMonitor(new Socket("127.0.0.1", port));
    }

    String seen() {
        return seen.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
