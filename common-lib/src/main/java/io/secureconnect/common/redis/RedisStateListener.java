package io.secureconnect.common.redis;

/** Told once per transition of {@link RedisGuard}; called on the guard's own thread, so keep it quick. */
public interface RedisStateListener {

    default void onDegraded() {
    }

    default void onRecovered() {
    }
}
