-- KEYS: the nodes' heartbeat deadlines (ZSET). Every node in it with 1 if its deadline has not
-- passed, else 0 (taken for dead: the next reap removes its members). A flat list: node, alive, ...
local now = nowMillis()
local out = {}
local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #entries, 2 do
  out[#out + 1] = entries[i]
  out[#out + 1] = tonumber(entries[i + 1]) > now and 1 or 0
end
return out
