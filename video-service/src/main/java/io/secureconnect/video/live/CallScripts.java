package io.secureconnect.video.live;

import java.util.List;

import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that change a call's live state, so every change is one atomic step on the Redis server:
 * two instances admitting the last free place cannot both succeed, and a participant is only removed when its
 * entry still names the connection being removed (compare-and-delete). They make the moves of {@link LiveCall}'s
 * transitions ({@link CallState}'s table); the state names and the start threshold are taken from there, and
 * {@code CallStoreContractIntegrationTest} holds these scripts and {@link MemoryCallState} to the same answers.
 *
 * <p>Layout: hash {@code sc:video:call:<id>} with {@code meta} (JSON), {@code state}, {@code started} (epoch ms),
 * {@code p:<userId>} (participant JSON) and {@code d:<userId>} (declined); set {@code sc:video:calls} indexes the
 * live calls for recovery. Scripts that change a call answer {@code [status, previous, field, value, ...]}.
 */
final class CallScripts {

    private static final String ALL_FIELDS = """
            for _, v in ipairs(redis.call('HGETALL', KEYS[1])) do table.insert(result, v) end
            return result
            """;

    /** KEYS: call, index. ARGV: meta, ttl ms, call id. A call is placed ringing. */
    static final RedisScript<Long> CREATE = new DefaultRedisScript<>("""
            redis.call('HSET', KEYS[1], 'meta', ARGV[1], 'state', '%s')
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            redis.call('SADD', KEYS[2], ARGV[3])
            return 1
            """.formatted(CallState.RINGING.wire()), Long.class);

    /** KEYS: call. ARGV: user id, participant JSON, ttl ms, now (epoch ms). FULL answers the limit. */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> JOIN = new DefaultRedisScript<>("""
            local meta = redis.call('HGET', KEYS[1], 'meta')
            if not meta then return {'NOT_LIVE'} end
            local field = 'p:' .. ARGV[1]
            local previous = redis.call('HGET', KEYS[1], field)
            local count = 0
            for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
              if string.sub(f, 1, 2) == 'p:' then count = count + 1 end
            end
            if not previous then
              local limit = tonumber(cjson.decode(meta).maxParticipants)
              if count >= limit then return {'FULL', tostring(limit)} end
              count = count + 1
            end
            redis.call('HSET', KEYS[1], field, ARGV[2])
            if count >= %d and redis.call('HGET', KEYS[1], 'state') == '%s' then
              redis.call('HSET', KEYS[1], 'state', '%s', 'started', ARGV[4])
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            local result = {'JOINED', previous or ''}
            """.formatted(LiveCall.PARTICIPANTS_TO_START, CallState.RINGING.wire(), CallState.ACTIVE.wire())
            + ALL_FIELDS, List.class);

    /** KEYS: call. ARGV: user id, connection id, ttl ms. Removes the participant only if it is that connection. */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> LEAVE = new DefaultRedisScript<>("""
            local field = 'p:' .. ARGV[1]
            local current = redis.call('HGET', KEYS[1], field)
            if not current or cjson.decode(current).connectionId ~= ARGV[2] then return {'NOT_CURRENT'} end
            redis.call('HDEL', KEYS[1], field)
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            local result = {'LEFT', ''}
            """ + ALL_FIELDS, List.class);

    /** KEYS: call. ARGV: user id, ttl ms. */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> DECLINE = new DefaultRedisScript<>("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {'NOT_LIVE'} end
            redis.call('HSET', KEYS[1], 'd:' .. ARGV[1], '1')
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            local result = {'DECLINED', ''}
            """ + ALL_FIELDS, List.class);

    /** KEYS: call, index. ARGV: '1' to remove only a call without participants, call id. */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> REMOVE = new DefaultRedisScript<>("""
            local all = redis.call('HGETALL', KEYS[1])
            if #all == 0 then
              redis.call('SREM', KEYS[2], ARGV[2])
              return {'NOT_LIVE'}
            end
            if ARGV[1] == '1' then
              for i = 1, #all, 2 do
                if string.sub(all[i], 1, 2) == 'p:' then return {'NOT_EMPTY'} end
              end
            end
            redis.call('DEL', KEYS[1])
            redis.call('SREM', KEYS[2], ARGV[2])
            local result = {'REMOVED', ''}
            for _, v in ipairs(all) do table.insert(result, v) end
            return result
            """, List.class);

    /** KEYS: call, index. ARGV: call id. Drops the index entry only if the call's state really is gone. */
    static final RedisScript<Long> FORGET_EXPIRED = new DefaultRedisScript<>("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            return redis.call('SREM', KEYS[2], ARGV[1])
            """, Long.class);

    /**
     * Writes this instance's view of a call back after Redis was degraded. KEYS: call, index. ARGV: instance id,
     * ttl ms, meta, state, started ('' if none), call id, declined user ids (comma-separated), then pairs of user id
     * and participant JSON for the participants this instance serves. Participants of other instances that Redis
     * still holds are kept; this instance's entries are replaced by its own view.
     */
    static final RedisScript<Long> RESTORE = new DefaultRedisScript<>("""
            if redis.call('EXISTS', KEYS[1]) == 0 then
              redis.call('HSET', KEYS[1], 'meta', ARGV[3], 'state', ARGV[4])
              if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'started', ARGV[5]) end
            else
              for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
                if string.sub(f, 1, 2) == 'p:' and cjson.decode(redis.call('HGET', KEYS[1], f)).instanceId == ARGV[1] then
                  redis.call('HDEL', KEYS[1], f)
                end
              end
              if ARGV[4] == '%1$s' and redis.call('HGET', KEYS[1], 'state') ~= '%1$s' then
                redis.call('HSET', KEYS[1], 'state', '%1$s', 'started', ARGV[5])
              end
            end
            for user in string.gmatch(ARGV[7], '[^,]+') do redis.call('HSET', KEYS[1], 'd:' .. user, '1') end
            for i = 8, #ARGV, 2 do redis.call('HSET', KEYS[1], 'p:' .. ARGV[i], ARGV[i + 1]) end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            redis.call('SADD', KEYS[2], ARGV[6])
            return 1
            """.formatted(CallState.ACTIVE.wire()), Long.class);

    private CallScripts() {
    }
}
