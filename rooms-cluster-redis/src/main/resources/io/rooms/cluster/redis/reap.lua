-- KEYS: the nodes' heartbeat deadlines (ZSET), the nodes being reaped (SET). ARGV: the calling node.
-- Moves every other node whose deadline passed to the nodes being reaped, and returns all of those:
-- the caller removes their members room by room, then takes each off (a reaper that died half-way
-- leaves its nodes there for the next).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for _, node in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  if node ~= ARGV[1] then
    redis.call('ZREM', KEYS[1], node)
    redis.call('SADD', KEYS[2], node)
  end
end
return redis.call('SMEMBERS', KEYS[2])
