package io.secureconnect.testsupport.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One numbered database on a Redis server: where to connect, with which credentials, and which index to select.
 * {@link #url()} carries the index in its path, which Spring Boot's {@code spring.data.redis.url} understands.
 */
public record RedisDatabase(String host, int port, String username, String password, int index) {

    /** Parses {@code redis://[[user]:password@]host[:port][/index]}. */
    public static RedisDatabase parse(String url) {
        var uri = URI.create(url);
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected redis://host:port, was " + url);
        }
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            var userInfo = uri.getRawUserInfo().split(":", 2);
            username = userInfo.length == 2 && !userInfo[0].isEmpty() ? decode(userInfo[0]) : null;
            password = decode(userInfo[userInfo.length - 1]);
        }
        var path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        return new RedisDatabase(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort(), username, password,
                path.isEmpty() ? 0 : Integer.parseInt(path));
    }

    public RedisDatabase withIndex(int index) {
        return new RedisDatabase(host, port, username, password, index);
    }

    public String url() {
        var userInfo = password == null ? "" : (username == null ? "" : encode(username)) + ":" + encode(password) + "@";
        return "redis://" + userInfo + host + ":" + port + "/" + index;
    }

    @Override
    public String toString() {
        return "RedisDatabase[" + host + ":" + port + "/" + index + "]";
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
