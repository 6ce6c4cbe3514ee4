package io.secureconnect.video.live;

import static io.secureconnect.video.live.CallState.ACTIVE;
import static io.secureconnect.video.live.CallState.ENDED;
import static io.secureconnect.video.live.CallState.RINGING;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The call state machine's contract: every row of {@link CallState}'s table, legal and refused, made on a fresh
 * call in both stores — {@link MemoryCallState} (the Java transitions, the fallback while Redis is degraded) and
 * {@link RedisCallState} (the Lua scripts, on the real Redis) — must give the expected answer and leave the expected
 * call, and the two stores must agree on every detail of both.
 */
@WithRedis
@SpringBootTest(classes = CallStoreContractIntegrationTest.RedisAndJson.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CallStoreContractIntegrationTest {

    private static final UUID ALICE = user("alice");
    private static final UUID BOB = user("bob");
    private static final UUID CAROL = user("carol");
    private static final UUID DAVE = user("dave");
    private static final int LIMIT = 3;
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00.101Z");
    private static final Instant T2 = T1.plusSeconds(2);
    private static final Instant T3 = T1.plusSeconds(3);
    private static final Instant T4 = T1.plusSeconds(4);

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    static Stream<Row> transitions() {
        return Stream.of(
                row("the first participant's join leaves the call ringing")
                        .when(join(ALICE, T1))
                        .then(seen("joined").in(ALICE)),
                row("the second participant's join starts the call")
                        .given(join(ALICE, T1)).when(join(BOB, T2))
                        .then(seen("joined").state(ACTIVE).startedAt(T2).in(ALICE, BOB)),
                row("a third participant joins an active call, which keeps its start")
                        .given(join(ALICE, T1), join(BOB, T2)).when(join(CAROL, T3))
                        .then(seen("joined").state(ACTIVE).startedAt(T2).in(ALICE, BOB, CAROL)),
                row("a newer connection of the same user replaces the older one")
                        .given(join(ALICE, T1)).when(rejoin(ALICE, T2))
                        .then(seen("joined").replaced(connection(ALICE, 1)).in(ALICE)),
                row("a participant of a full call may reconnect")
                        .given(join(ALICE, T1), join(BOB, T2), join(CAROL, T3)).when(rejoin(BOB, T4))
                        .then(seen("joined").replaced(connection(BOB, 1)).state(ACTIVE).startedAt(T2)
                                .in(ALICE, BOB, CAROL)),
                row("a newcomer to a full call is refused")
                        .given(join(ALICE, T1), join(BOB, T2), join(CAROL, T3)).when(join(DAVE, T4))
                        .then(seen("full " + LIMIT).state(ACTIVE).startedAt(T2).in(ALICE, BOB, CAROL)),
                row("a call that ended cannot be joined")
                        .given(end()).when(join(ALICE, T1))
                        .then(seen("not live").state(ENDED)),
                row("a call that was never placed cannot be joined")
                        .neverPlaced().when(join(ALICE, T1))
                        .then(seen("not live").state(ENDED)),
                row("a participant leaves through its current connection")
                        .given(join(ALICE, T1), join(BOB, T2)).when(leave(ALICE, 1))
                        .then(seen("left").state(ACTIVE).startedAt(T2).in(BOB)),
                row("an active call stays active when everyone has left")
                        .given(join(ALICE, T1), join(BOB, T2), leave(ALICE, 1)).when(leave(BOB, 1))
                        .then(seen("left").state(ACTIVE).startedAt(T2)),
                row("the caller leaving a ringing call leaves it ringing and empty")
                        .given(join(ALICE, T1)).when(leave(ALICE, 1))
                        .then(seen("left")),
                row("a replaced connection cannot take its participant out")
                        .given(join(ALICE, T1), rejoin(ALICE, T2)).when(leave(ALICE, 1))
                        .then(seen("refused").in(ALICE)),
                row("someone not in the call cannot leave it")
                        .given(join(ALICE, T1)).when(leave(BOB, 1))
                        .then(seen("refused").in(ALICE)),
                row("leaving a call that ended changes nothing")
                        .given(join(ALICE, T1), end()).when(leave(ALICE, 1))
                        .then(seen("refused").state(ENDED)),
                row("an invitee declines a ringing call")
                        .given(join(ALICE, T1)).when(decline(BOB))
                        .then(seen("declined").in(ALICE).declined(BOB)),
                row("declining a call that ended changes nothing")
                        .given(end()).when(decline(BOB))
                        .then(seen("refused").state(ENDED)),
                row("a ringing call ends")
                        .given(join(ALICE, T1)).when(end())
                        .then(seen("ended while ringing").state(ENDED)),
                row("an active call ends with its participants in it")
                        .given(join(ALICE, T1), join(BOB, T2)).when(end())
                        .then(seen("ended while active").state(ENDED)),
                row("ending only if empty is refused while someone is in the call")
                        .given(join(ALICE, T1)).when(endIfEmpty())
                        .then(seen("refused").in(ALICE)),
                row("ending only if empty ends an empty call")
                        .given(join(ALICE, T1), leave(ALICE, 1)).when(endIfEmpty())
                        .then(seen("ended while ringing").state(ENDED)),
                row("ending a call that ended changes nothing")
                        .given(end()).when(end())
                        .then(seen("refused").state(ENDED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void bothStoresMakeTheMoveOfTheTable(Row row) {
        UUID callId = UUID.randomUUID();
        Outcome inMemory = row.runOn(new MemoryCallState(), callId);
        Outcome inRedis = row.runOn(new RedisCallState(redis, json, Duration.ofMinutes(5)), callId);

        assertThat(inMemory.seen()).as("memory").isEqualTo(row.expected());
        assertThat(inRedis).as("Redis answers and leaves the call exactly as memory does").isEqualTo(inMemory);
    }

    /** One row of the table: a call brought into a state by {@code given}, then the transition {@code when}. */
    record Row(String name, boolean placed, List<Step> given, Step when, Seen expected) {

        Row given(Step... steps) {
            return new Row(name, placed, List.of(steps), when, expected);
        }

        Row neverPlaced() {
            return new Row(name, false, given, when, expected);
        }

        Row when(Step step) {
            return new Row(name, placed, given, step, expected);
        }

        Row then(Seen seen) {
            return new Row(name, placed, given, when, seen);
        }

        Outcome runOn(CallStore store, UUID callId) {
            var meta = new LiveCall.CallMeta(callId, null, ALICE, "video", T1, LIMIT, Set.of(BOB, CAROL, DAVE));
            if (placed) {
                store.create(meta);
            }
            given.forEach(step -> step.apply(store, meta.id()));
            Object answer = when.apply(store, meta.id());
            return new Outcome(answer, store.find(meta.id()));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A transition made on a store; answers what the store answered. */
    interface Step {
        Object apply(CallStore store, UUID callId);
    }

    /** Everything a store answered and the call it left (empty once ended), compared between the stores as is. */
    record Outcome(Object answer, Optional<LiveCall> after) {

        Seen seen() {
            LiveCall call = after.orElse(null);
            return new Seen(answerName(), call == null ? ENDED : call.state(), call == null ? null : call.startedAt(),
                    call == null ? Set.of() : call.participants().keySet(), call == null ? Set.of() : call.declined(),
                    answer instanceof JoinOutcome.Joined joined && joined.replaced() != null
                            ? joined.replaced().connectionId() : null);
        }

        private String answerName() {
            return switch (answer) {
                case JoinOutcome.Joined ignored -> "joined";
                case JoinOutcome.Full full -> "full " + full.maxParticipants();
                case JoinOutcome.NotLive ignored -> "not live";
                case Named named -> named.name();
                default -> throw new IllegalStateException("unexpected answer " + answer);
            };
        }
    }

    /** What a row expects: the answer, and the call afterwards (state {@code ENDED} once it has no live state). */
    record Seen(String answer, CallState state, Instant startedAt, Set<UUID> participants, Set<UUID> declined,
                UUID replaced) {

        Seen state(CallState value) {
            return new Seen(answer, value, startedAt, participants, declined, replaced);
        }

        Seen startedAt(Instant value) {
            return new Seen(answer, state, value, participants, declined, replaced);
        }

        Seen in(UUID... users) {
            return new Seen(answer, state, startedAt, Set.of(users), declined, replaced);
        }

        Seen declined(UUID... users) {
            return new Seen(answer, state, startedAt, participants, Set.of(users), replaced);
        }

        Seen replaced(UUID connection) {
            return new Seen(answer, state, startedAt, participants, declined, connection);
        }
    }

    /** The answer of a transition that returns the call or nothing, named, with the call kept for comparison. */
    record Named(String name, Optional<LiveCall> call) {
    }

    private static Row row(String name) {
        return new Row(name, true, List.of(), null, null);
    }

    private static Seen seen(String answer) {
        return new Seen(answer, RINGING, null, Set.of(), Set.of(), null);
    }

    /** Joins through the user's first connection. */
    private static Step join(UUID user, Instant at) {
        return joinThrough(user, 1, at);
    }

    /** Joins again through the user's second connection. */
    private static Step rejoin(UUID user, Instant at) {
        return joinThrough(user, 2, at);
    }

    private static Step joinThrough(UUID user, int connection, Instant at) {
        return (store, callId) -> store.join(callId,
                new Participant(user, "device-" + connection, connection(user, connection), "video-test", at), at);
    }

    private static Step leave(UUID user, int connection) {
        return (store, callId) -> named(store.leave(callId, user, connection(user, connection)), call -> "left");
    }

    private static Step decline(UUID user) {
        return (store, callId) -> named(store.decline(callId, user), call -> "declined");
    }

    private static Step end() {
        return (store, callId) -> named(store.remove(callId, false), call -> "ended while " + call.state().wire());
    }

    private static Step endIfEmpty() {
        return (store, callId) -> named(store.remove(callId, true), call -> "ended while " + call.state().wire());
    }

    private static Named named(Optional<LiveCall> call, Function<LiveCall, String> name) {
        return new Named(call.map(name).orElse("refused"), call);
    }

    private static UUID user(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static UUID connection(UUID user, int number) {
        return UUID.nameUUIDFromBytes((user + "/" + number).getBytes(StandardCharsets.UTF_8));
    }

    @ImportAutoConfiguration({DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class})
    static class RedisAndJson {
    }
}
