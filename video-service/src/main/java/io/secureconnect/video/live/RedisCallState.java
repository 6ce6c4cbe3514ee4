package io.secureconnect.video.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The live state of calls in Redis, shared by every instance; each change is one {@link CallScripts} script. */
class RedisCallState implements CallStore {

    static final String INDEX = "sc:video:calls";
    private static final String CALL_PREFIX = "sc:video:call:";
    private static final String INSTANCE_PREFIX = "sc:video:instance:";
    private static final int BATCH = 100;

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;

    RedisCallState(StringRedisTemplate redis, JsonMapper json, Duration ttl) {
        this.redis = redis;
        this.json = json;
        this.ttl = ttl;
    }

    static String key(UUID callId) {
        return CALL_PREFIX + callId;
    }

    @Override
    public void create(LiveCall.CallMeta meta) {
        redis.execute(CallScripts.CREATE, List.of(key(meta.id()), INDEX), json.writeValueAsString(meta), ttlMillis(),
                meta.id().toString());
    }

    @Override
    public Optional<LiveCall> find(UUID callId) {
        Map<Object, Object> fields = redis.opsForHash().entries(key(callId));
        return fields.isEmpty() ? Optional.empty() : Optional.of(decode(fields));
    }

    boolean exists(UUID callId) {
        return Boolean.TRUE.equals(redis.hasKey(key(callId)));
    }

    /**
     * Many calls in few round trips (pipelined, {@value #BATCH} at a time so that one batch stays well inside the
     * command timeout), for recovery and the sweep; calls that are gone are left out.
     */
    Map<UUID, LiveCall> findAll(List<UUID> callIds) {
        Map<UUID, LiveCall> calls = new LinkedHashMap<>();
        for (int from = 0; from < callIds.size(); from += BATCH) {
            List<UUID> batch = callIds.subList(from, Math.min(callIds.size(), from + BATCH));
            List<Object> replies = redis.executePipelined((RedisCallback<Object>) connection -> {
                for (UUID callId : batch) {
                    connection.hashCommands().hGetAll(key(callId).getBytes(StandardCharsets.UTF_8));
                }
                return null;
            });
            for (int i = 0; i < batch.size(); i++) {
                if (replies.get(i) instanceof Map<?, ?> fields && !fields.isEmpty()) {
                    calls.put(batch.get(i), decode(new HashMap<>(fields)));
                }
            }
        }
        return calls;
    }

    @Override
    public JoinOutcome join(UUID callId, Participant participant, Instant now) {
        List<?> reply = redis.execute(CallScripts.JOIN, List.of(key(callId)), participant.userId().toString(),
                json.writeValueAsString(participant), ttlMillis(), String.valueOf(now.toEpochMilli()));
        return switch ((String) reply.getFirst()) {
            case "JOINED" -> {
                String previous = (String) reply.get(1);
                yield new JoinOutcome.Joined(decode(fieldsOf(reply)),
                        previous.isEmpty() ? null : json.readValue(previous, Participant.class));
            }
            case "FULL" -> new JoinOutcome.Full(Integer.parseInt((String) reply.get(1)));
            default -> new JoinOutcome.NotLive();
        };
    }

    @Override
    public Optional<LiveCall> leave(UUID callId, UUID userId, UUID connectionId) {
        return changed(redis.execute(CallScripts.LEAVE, List.of(key(callId)), userId.toString(),
                connectionId.toString(), ttlMillis()), "LEFT");
    }

    @Override
    public Optional<LiveCall> decline(UUID callId, UUID userId) {
        return changed(redis.execute(CallScripts.DECLINE, List.of(key(callId)), userId.toString(), ttlMillis()),
                "DECLINED");
    }

    @Override
    public Optional<LiveCall> remove(UUID callId, boolean onlyIfEmpty) {
        return changed(redis.execute(CallScripts.REMOVE, List.of(key(callId), INDEX), onlyIfEmpty ? "1" : "0",
                callId.toString()), "REMOVED");
    }

    void restore(LiveCall call, String instanceId) {
        List<String> args = new ArrayList<>(List.of(instanceId, ttlMillis(), json.writeValueAsString(call.meta()),
                call.state().wire(), call.startedAt() == null ? "" : String.valueOf(call.startedAt().toEpochMilli()),
                call.id().toString(), call.declined().stream().map(UUID::toString).collect(Collectors.joining(","))));
        for (Participant participant : call.participants().values()) {
            if (participant.instanceId().equals(instanceId)) {
                args.add(participant.userId().toString());
                args.add(json.writeValueAsString(participant));
            }
        }
        redis.execute(CallScripts.RESTORE, List.of(key(call.id()), INDEX), args.toArray());
    }

    Set<UUID> liveCallIds() {
        Set<String> members = redis.opsForSet().members(INDEX);
        Set<UUID> ids = new HashSet<>();
        if (members != null) {
            members.forEach(id -> ids.add(UUID.fromString(id)));
        }
        return ids;
    }

    /** Drops an index entry whose call expired by TTL. */
    void forgetExpired(UUID callId) {
        redis.execute(CallScripts.FORGET_EXPIRED, List.of(key(callId), INDEX), callId.toString());
    }

    void heartbeat(String instanceId, Duration instanceTtl) {
        redis.opsForValue().set(INSTANCE_PREFIX + instanceId, "1", instanceTtl);
    }

    void forgetInstance(String instanceId) {
        redis.delete(INSTANCE_PREFIX + instanceId);
    }

    boolean isInstanceAlive(String instanceId) {
        return Boolean.TRUE.equals(redis.hasKey(INSTANCE_PREFIX + instanceId));
    }

    private Optional<LiveCall> changed(List<?> reply, String success) {
        return success.equals(reply.getFirst()) ? Optional.of(decode(fieldsOf(reply))) : Optional.empty();
    }

    private static Map<Object, Object> fieldsOf(List<?> reply) {
        Map<Object, Object> fields = new HashMap<>();
        for (int i = 2; i + 1 < reply.size(); i += 2) {
            fields.put(reply.get(i), reply.get(i + 1));
        }
        return fields;
    }

    private LiveCall decode(Map<Object, Object> fields) {
        LiveCall.CallMeta meta = json.readValue((String) fields.get("meta"), LiveCall.CallMeta.class);
        Object started = fields.get("started");
        Set<UUID> declined = new HashSet<>();
        Map<UUID, Participant> participants = new HashMap<>();
        fields.forEach((field, value) -> {
            String name = (String) field;
            if (name.startsWith("p:")) {
                Participant participant = json.readValue((String) value, Participant.class);
                participants.put(participant.userId(), participant);
            } else if (name.startsWith("d:")) {
                declined.add(UUID.fromString(name.substring(2)));
            }
        });
        return new LiveCall(meta, CallState.fromWire((String) fields.get("state")),
                started == null ? null : Instant.ofEpochMilli(Long.parseLong((String) started)), declined, participants);
    }

    private String ttlMillis() {
        return String.valueOf(ttl.toMillis());
    }
}
