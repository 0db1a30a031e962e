-- KEYS: the nodes' heartbeat deadlines (ZSET), the nodes being reaped (SET), when a beat or a reap
-- last ran. ARGV: the calling node, ttl ms.
-- Moves every other node whose deadline passed to the nodes being reaped, and returns all of those:
-- the caller removes their members room by room, then takes each off (a reaper that died half-way
-- leaves its nodes there for the next).
local now = nowMillis()
afterSilence(KEYS[1], KEYS[3], now, tonumber(ARGV[2]))
for _, node in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  if node ~= ARGV[1] then
    redis.call('ZREM', KEYS[1], node)
    redis.call('SADD', KEYS[2], node)
  end
end
return redis.call('SMEMBERS', KEYS[2])
