package io.secureconnect.video.support;

import io.secureconnect.testsupport.redis.WithRedis;

/** A video-service test on the shared Redis server (a database of its own); see {@link VideoServiceTest}. */
@WithRedis
public abstract class VideoIntegrationTest extends VideoServiceTest {
}
