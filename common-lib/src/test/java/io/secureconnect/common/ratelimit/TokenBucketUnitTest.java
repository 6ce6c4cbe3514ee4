package io.secureconnect.common.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketUnitTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketGivesItsBurstAndThenRefusesUntilTimePasses() {
        TokenBucket bucket = new TokenBucket(2, 3, 0);

        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.millisUntilNext(0)).isEqualTo(500);
        assertThat(bucket.tryTake(SECOND / 2)).isTrue();
    }

    @Test
    void anIdleBucketSavesUpNoMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(10, 5, 0);
        bucket.tryTake(0);

        assertThat(bucket.isFull(60 * SECOND)).isTrue();
        assertThat(bucket.available(60 * SECOND)).isEqualTo(5);
    }

    @Test
    void aClockThatGoesBackwardsAddsNothing() {
        TokenBucket bucket = new TokenBucket(1, 1, SECOND);
        bucket.tryTake(SECOND);

        assertThat(bucket.tryTake(0)).isFalse();
    }

    @Test
    void aBucketWithoutRateOrRoomIsRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
