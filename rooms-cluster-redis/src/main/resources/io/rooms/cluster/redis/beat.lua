-- KEYS: the nodes' heartbeat deadlines (ZSET node -> ms of Redis's clock), the last node number
-- given out, the nodes being reaped (SET), when a beat or a reap last ran. ARGV: node, ttl ms.
-- Marks the node alive until now + ttl. Returns 1 if it was not alive (taken for dead, or Redis lost
-- its data), so its members must be registered again; 2 while its members are being removed (it
-- is not marked alive until that is done: the next beat after says 1); else 0.
local node, ttl = ARGV[1], tonumber(ARGV[2])
local now = nowMillis()
afterSilence(KEYS[1], KEYS[4], now, ttl)
if redis.call('SISMEMBER', KEYS[3], node) == 1 then return 2 end
local number = tonumber(string.sub(node, 2))
if number and tonumber(redis.call('GET', KEYS[2]) or '0') < number then
  redis.call('SET', KEYS[2], string.format('%.0f', number))
end
return redis.call('ZADD', KEYS[1], now + ttl, node)
