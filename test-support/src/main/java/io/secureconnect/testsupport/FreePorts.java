package io.secureconnect.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Hands out a loopback port that is free right now, for servers that cannot bind port 0 themselves (a
 * {@code redis-server} process that must come back on the same port). Tests never use fixed ports: parallel
 * builds and the developer's own running services would collide with them.
 */
public final class FreePorts {

    private FreePorts() {
    }

    public static int next() {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
