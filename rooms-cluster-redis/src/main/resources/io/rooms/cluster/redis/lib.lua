-- Shared by every script (prepended to each). Keys, for a prefix P ("rooms:" by default):
--   P room:R:order   ZSET  member id -> activity score (promote: Redis's clock in µs; join: -seq, so joiners trail)
--   P room:R:info    HASH  member id -> {"id","name","color"} JSON
--   P room:R:meta    HASH  member id -> its presence in the room (JSON text), for members that set one
--   P room:R:seq     STRING the room's last sequence number
--   P sizes          HASH  room -> member count (rooms with members)
--   P nodes          SET   live node ids
--   P nodeseq        STRING the last node number given out
--   P node:N:members HASH  member id -> its rooms (a cjson array, never empty), for the members node N serves
--   P node:N:alive   STRING with a TTL, refreshed by node N while it lives
--   P room:R:history STREAM the room's latest room-wide events (ids 0-SEQ, field e: the event), for
--                    members that resume; the latest `history` of them, expiring `window` ms after the last
--   P config         HASH  history (events kept per room), window (ms): written by each node at connect
--   P session:S      STRING a session's JSON, written by RedisBus; ended here when its node dies
--   P member:ID:session STRING the live session of member ID, so that a dead node's sessions can be ended
--   P members        HASH  member id -> the node serving it
-- Channels: P room:R (a room's stream), P node:N (messages for node N) and P control (every node:
-- requests to disconnect a user, written by RedisBus's Control, answered on the asker's node channel).
-- Every message on a channel is one event, a JSON object written by cjson (never by concatenation):
--   k kind (J joined, L left, P presence set, S said to the room, D said to one member, A state asked,
--   G state given, R removed by the server),
--   r room, s sequence (a string: it does not fit cjson's 14 digits), m the member it is from or
--   about, t the member it is for, i the joiner's {"id","name","color"}, a action, d data (JSON text;
--   for P the presence, absent when cleared).
local P = ARGV[1]
local function k_order(room) return P .. 'room:' .. room .. ':order' end
local function k_info(room) return P .. 'room:' .. room .. ':info' end
local function k_meta(room) return P .. 'room:' .. room .. ':meta' end
local function k_seq(room) return P .. 'room:' .. room .. ':seq' end
local K_SIZES = P .. 'sizes'
local K_NODES = P .. 'nodes'
local K_NODESEQ = P .. 'nodeseq'
local function k_node_members(node) return P .. 'node:' .. node .. ':members' end
local function k_alive(node) return P .. 'node:' .. node .. ':alive' end
local function k_hist(room) return P .. 'room:' .. room .. ':history' end
local K_CONFIG = P .. 'config'
local K_MEMBERS = P .. 'members'
local function ch_room(room) return P .. 'room:' .. room end
local function ch_node(node) return P .. 'node:' .. node end
local function int(n) return string.format('%.0f', n) end

-- A room's numbers go up by one; its first is the microseconds of Redis's clock, so numbers keep
-- growing across a Redis restart without persistence (saved states stay ordered across one) and
-- across a room forgotten after its window.
local function next_seq(room)
  local last = redis.call('GET', k_seq(room))
  local seq
  if last then
    seq = tonumber(last) + 1
  else
    local t = redis.call('TIME')
    seq = tonumber(t[1]) * 1000000 + tonumber(t[2])
  end
  redis.call('SET', k_seq(room), int(seq), 'KEEPTTL')
  return seq
end

-- Where an event that is not the room's (a node event, a direct message) is placed: at the room's
-- latest number, not one more, so that the room's own numbers have no gaps.
local function current_seq(room)
  local last = redis.call('GET', k_seq(room))
  if last then return tonumber(last) end
  return next_seq(room)
end

-- An activity score for a member that just did something: the microseconds of Redis's clock, above
-- every joiner's (negative) score and every earlier activity's.
local function activity()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000000 + tonumber(t[2])
end

local config_cache = nil
local function config()
  if not config_cache then
    local c = redis.call('HMGET', K_CONFIG, 'history', 'window')
    config_cache = {history = tonumber(c[1] or '256'), window = tonumber(c[2] or '120000')}
  end
  return config_cache
end

-- Keeps a room-wide event (its JSON) for members that resume, numbered seq.
local function keep(room, seq, json)
  local c = config()
  if c.history <= 0 then return end
  local key = k_hist(room)
  local id = '0-' .. int(seq)
  local added = redis.pcall('XADD', key, 'MAXLEN', c.history, id, 'e', json)
  if type(added) == 'table' and added.err then
    redis.call('DEL', key) -- numbers started anew below the old ones: the old history cannot be resumed
    redis.call('XADD', key, 'MAXLEN', c.history, id, 'e', json)
  end
  redis.call('PEXPIRE', key, c.window)
end

local function event(fields)
  return cjson.encode(fields)
end

-- The node that serves a member: the registry's word (a resumed member keeps an id another node
-- gave out), else the id's own prefix.
local function node_of(id)
  return redis.call('HGET', K_MEMBERS, id) or string.match(id, '^(.*)-[^-]*$')
end

-- Keeps the sizes hash right; forgets an empty room's keys.
local function settle(room)
  local n = redis.call('ZCARD', k_order(room))
  if n == 0 then
    redis.call('HDEL', K_SIZES, room)
    redis.call('DEL', k_order(room), k_info(room), k_meta(room))
    -- The numbering outlives the members for the window, so that they can resume.
    redis.call('PEXPIRE', k_seq(room), config().window)
  else
    redis.call('HSET', K_SIZES, room, n)
    redis.call('PERSIST', k_seq(room))
  end
  return n
end

-- A member's rooms on its node, as node:N:members keeps them.
local function rooms_of(node, id)
  local json = redis.call('HGET', k_node_members(node), id)
  if not json then return {} end
  return cjson.decode(json)
end

-- The member id now serves room as well, on node.
local function add_member_room(node, id, room)
  local rooms = rooms_of(node, id)
  for _, r in ipairs(rooms) do
    if r == room then return end
  end
  rooms[#rooms + 1] = room
  redis.call('HSET', k_node_members(node), id, cjson.encode(rooms))
end

-- The member id left room; with its last room, its node forgets it.
local function remove_member_room(node, id, room)
  local rooms = rooms_of(node, id)
  local kept = {}
  for _, r in ipairs(rooms) do
    if r ~= room then kept[#kept + 1] = r end
  end
  if #kept == 0 then
    redis.call('HDEL', k_node_members(node), id)
    redis.call('HDEL', K_MEMBERS, id)
  else
    redis.call('HSET', k_node_members(node), id, cjson.encode(kept))
  end
end

-- Removes one member from one room and appends its left event; 0 when it was not there.
local function remove_member(room, id)
  if redis.call('ZREM', k_order(room), id) == 0 then return 0 end
  redis.call('HDEL', k_info(room), id)
  redis.call('HDEL', k_meta(room), id)
  local node = node_of(id)
  if node then remove_member_room(node, id, room) else redis.call('HDEL', K_MEMBERS, id) end
  local seq = next_seq(room)
  local left = event({k = 'L', r = room, s = int(seq), m = id})
  redis.call('PUBLISH', ch_room(room), left)
  keep(room, seq, left)
  settle(room)
  return 1
end

-- A member's session ended with its node: written so that it can be resumed elsewhere.
local function end_session(id, now_ms)
  local sid = redis.call('GET', P .. 'member:' .. id .. ':session')
  if not sid then return end
  local key = P .. 'session:' .. sid
  local json = redis.call('GET', key)
  if not json then return end
  local session = cjson.decode(json)
  if session.endedAtMillis == nil or session.endedAtMillis == cjson.null then
    session.endedAtMillis = now_ms
    redis.call('SET', key, cjson.encode(session), 'PX', config().window + 60000)
  end
  redis.call('DEL', P .. 'member:' .. id .. ':session')
end

-- Removes every member of a node, announcing each and ending its session, and forgets the node.
local function remove_node(node)
  local members = redis.call('HGETALL', k_node_members(node))
  local removed = 0
  local t = redis.call('TIME')
  local now_ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  for i = 1, #members, 2 do
    end_session(members[i], now_ms)
    for _, room in ipairs(cjson.decode(members[i + 1])) do
      removed = removed + remove_member(room, members[i])
    end
  end
  redis.call('DEL', k_node_members(node), k_alive(node))
  redis.call('SREM', K_NODES, node)
  return removed
end

-- The members, most active first: each member's info JSON followed by its presence ('' for none).
local function member_list(room)
  local ids = redis.call('ZREVRANGE', k_order(room), 0, -1)
  local out = {}
  for i, id in ipairs(ids) do
    out[2 * i - 1] = redis.call('HGET', k_info(room), id) or ''
    out[2 * i] = redis.call('HGET', k_meta(room), id) or ''
  end
  return out
end
