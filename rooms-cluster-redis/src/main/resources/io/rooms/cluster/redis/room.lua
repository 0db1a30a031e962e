-- Shared by every room script (prepended to each). A room script touches the keys of one room only,
-- all declared, all in the room's hash slot (their tag is the room's name), so that it runs on a
-- Redis Cluster as on one Redis. docs/cluster.md lists them.
--   KEYS[1] order   ZSET   member id -> activity score (promote: Redis's clock in µs; join: -seq, so joiners trail)
--   KEYS[2] info    HASH   member id -> {"id","name","color"} JSON
--   KEYS[3] meta    HASH   member id -> its presence in the room (JSON text), for members that set one
--   KEYS[4] seq     STRING the room's last sequence number
--   KEYS[5] history STREAM the room's latest room-wide events (ids 0-SEQ, field e: the event), for
--                   members that resume; the latest ARGV[1] of them, expiring ARGV[2] ms after the last
--   KEYS[6] nodes   HASH   member id -> the node serving it
--   ARGV[1] history size, ARGV[2] window (ms), ARGV[3] "1" to publish on the room's shard channel
--   (SPUBLISH, a Redis Cluster) else "0" (PUBLISH), ARGV[4] the room's channel, ARGV[5] the room;
--   the script's own arguments follow, from ARGV[6].
-- Every message on the channel is one event, a JSON object written by cjson (never by concatenation):
--   k kind (J joined, L left, P presence set, S said to the room, D said to one member, A state asked,
--   G state given, R removed by the server, X replaced by a resume elsewhere),
--   r room, s sequence (a string: it does not fit cjson's 14 digits), m the member it is from or
--   about, t the member it is for, i the joiner's {"id","name","color"}, a action, d data (JSON text;
--   for P the presence, absent when cleared).
-- Events for one member travel on the room's channel too: its node keeps them, the others drop them.
local K_ORDER, K_INFO, K_META, K_SEQ, K_HIST, K_NODES = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local HISTORY, WINDOW = tonumber(ARGV[1]), tonumber(ARGV[2])
local PUBLISH = ARGV[3] == '1' and 'SPUBLISH' or 'PUBLISH'
local CHANNEL = ARGV[4]
local function int(n) return string.format('%.0f', n) end

-- A room's numbers go up by one; its first is the microseconds of Redis's clock, so numbers keep
-- growing across a Redis restart without persistence (saved states stay ordered across one) and
-- across a room forgotten after its window.
local function next_seq()
  local last = redis.call('GET', K_SEQ)
  local seq
  if last then
    seq = tonumber(last) + 1
  else
    local t = redis.call('TIME')
    seq = tonumber(t[1]) * 1000000 + tonumber(t[2])
  end
  redis.call('SET', K_SEQ, int(seq), 'KEEPTTL')
  return seq
end

-- Where an event that is not the room's (one for a member) is placed: at the room's latest number,
-- not one more, so that the room's own numbers have no gaps.
local function current_seq()
  local last = redis.call('GET', K_SEQ)
  if last then return tonumber(last) end
  return next_seq()
end

-- An activity score for a member that just did something: the microseconds of Redis's clock, above
-- every joiner's (negative) score and every earlier activity's.
local function activity()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000000 + tonumber(t[2])
end

-- Keeps a room-wide event (its JSON) for members that resume, numbered seq.
local function keep(seq, json)
  if HISTORY <= 0 then return end
  local id = '0-' .. int(seq)
  local added = redis.pcall('XADD', K_HIST, 'MAXLEN', HISTORY, id, 'e', json)
  if type(added) == 'table' and added.err then
    redis.call('DEL', K_HIST) -- numbers started anew below the old ones: the old history cannot be resumed
    redis.call('XADD', K_HIST, 'MAXLEN', HISTORY, id, 'e', json)
  end
  redis.call('PEXPIRE', K_HIST, WINDOW)
end

local function publish(fields)
  local json = cjson.encode(fields)
  redis.call(PUBLISH, CHANNEL, json)
  return json
end

-- Forgets an empty room's keys (its numbering outlives the members for the window, so that they can
-- resume); returns the room's size.
local function settle()
  local n = redis.call('ZCARD', K_ORDER)
  if n == 0 then
    redis.call('DEL', K_ORDER, K_INFO, K_META, K_NODES)
    redis.call('PEXPIRE', K_SEQ, WINDOW)
  else
    redis.call('PERSIST', K_SEQ)
  end
  return n
end

-- Removes one member and appends its left event; returns its number, or 0 when it was not there.
local function remove_member(room, id)
  if redis.call('ZREM', K_ORDER, id) == 0 then return 0 end
  redis.call('HDEL', K_INFO, id)
  redis.call('HDEL', K_META, id)
  redis.call('HDEL', K_NODES, id)
  local seq = next_seq()
  keep(seq, publish({k = 'L', r = room, s = int(seq), m = id}))
  return seq
end

-- The members, most active first: each member's info JSON followed by its presence ('' for none).
local function member_list()
  local ids = redis.call('ZREVRANGE', K_ORDER, 0, -1)
  local out = {}
  for i, id in ipairs(ids) do
    out[2 * i - 1] = redis.call('HGET', K_INFO, id) or ''
    out[2 * i] = redis.call('HGET', K_META, id) or ''
  end
  return out
end
