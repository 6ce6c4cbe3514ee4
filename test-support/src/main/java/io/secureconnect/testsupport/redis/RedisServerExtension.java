package io.secureconnect.testsupport.redis;

import io.secureconnect.testsupport.ServerPerClassExtension;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;


/**
 * A private {@link RedisServerProcess} for one test class, for fault tests:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension redis = new RedisServerExtension();
 *
 * @DynamicPropertySource
 * static void redis(DynamicPropertyRegistry registry) {
 *     registry.add("spring.data.redis.url", redis::url);
 * }
 * }</pre>
 *
 * The process starts on first use (so {@code @DynamicPropertySource} may ask for the URL before the class's
 * callbacks run), is started again before each test if an earlier test left it stopped, and is killed after the
 * class. Register it in a {@code static} field: only static extensions see the class's end.
 */
public final class RedisServerExtension extends ServerPerClassExtension<RedisServerProcess>
        implements BeforeEachCallback {

    public RedisServerExtension() {
        super(RedisServerProcess.class, RedisServerProcess::startOnFreePort);
    }

    public int port() {
        return server().port();
    }

    public String url() {
        return server().url();
    }

    /** Kills the server; see {@link RedisServerProcess#stop()}. */
    public void stop() {
        server().stop();
    }

    /** Starts the server again on the same port; see {@link RedisServerProcess#start()}. */
    public void start() {
        server().start();
    }

    /** See {@link RedisServerProcess#freeze()}. */
    public void freeze() {
        server().freeze();
    }

    /** See {@link RedisServerProcess#thaw()}. */
    public void thaw() {
        server().thaw();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server().start();
    }
}
