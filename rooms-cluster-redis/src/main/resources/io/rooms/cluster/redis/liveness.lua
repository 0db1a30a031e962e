-- In front of beat.lua, reap.lua and nodes.lua. Redis's clock now, in ms; and the silence rule: when no beat
-- and no reap ran for longer than a node time-out, Redis itself was away (frozen, restarting, failing
-- over), not every node at once; a reap queued before the silence would otherwise run after it and
-- take live nodes for dead. So each node on record gets a fresh time-out to beat in, and one that
-- really died is reaped a time-out later.
local function nowMillis()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function afterSilence(beats, lastSeen, now, ttl)
  local last = tonumber(redis.call('GET', lastSeen) or '0')
  if last > 0 and now - last > ttl then
    for _, node in ipairs(redis.call('ZRANGE', beats, 0, -1)) do
      redis.call('ZADD', beats, 'GT', now + ttl, node)
    end
  end
  redis.call('SET', lastSeen, string.format('%.0f', now))
end
