package io.secureconnect.testsupport.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal Redis connection speaking RESP over a plain socket, enough for PING, AUTH, SELECT and FLUSHDB. The
 * test infrastructure uses it instead of Lettuce so that checking a server costs a socket, not an event loop.
 */
final class RespConnection implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 2_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RespConnection open(String host, int port) throws IOException {
        var socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return new RespConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Opens a connection to the database, authenticated and selected. */
    static RespConnection open(RedisDatabase database) throws IOException {
        var connection = open(database.host(), database.port());
        try {
            if (database.password() != null) {
                if (database.username() != null) {
                    connection.call("AUTH", database.username(), database.password());
                } else {
                    connection.call("AUTH", database.password());
                }
            }
            connection.call("SELECT", String.valueOf(database.index()));
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Sends one command and returns its simple, integer or bulk string reply; an error reply throws. */
    String call(String... arguments) throws IOException {
        var request = new StringBuilder("*").append(arguments.length).append("\r\n");
        for (var argument : arguments) {
            request.append('$').append(argument.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                    .append(argument).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readReply();
    }

    private String readReply() throws IOException {
        var type = in.read();
        var line = readLine();
        return switch (type) {
            case '+', ':' -> line;
            case '-' -> throw new IllegalStateException("Redis replied with an error: " + line);
            case '$' -> readBulk(Integer.parseInt(line));
            case -1 -> throw new IOException("Redis closed the connection");
            default -> throw new IOException("unsupported RESP reply type '" + (char) type + "'");
        };
    }

    private String readBulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        var bytes = in.readNBytes(length);
        readLine();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private String readLine() throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\r'; b = in.read()) {
            if (b == -1) {
                throw new IOException("Redis closed the connection");
            }
            line.write(b);
        }
        in.read();
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
