-- Shared by every script (prepended to each). Keys, for a prefix P ("rooms:" by default):
--   P room:R:order   ZSET  member id -> activity score (promote: +seq; join: -seq, so joiners trail)
--   P room:R:info    HASH  member id -> {"id","name","color"} JSON
--   P room:R:seq     STRING the room's last sequence number
--   P sizes          HASH  room -> member count (rooms with members)
--   P nodes          SET   live node ids
--   P nodeseq        STRING the last node number given out
--   P node:N:members HASH  member id -> room, for the members node N serves
--   P node:N:alive   STRING with a TTL, refreshed by node N while it lives
-- Channels: P room:R (a room's stream), P node:N (messages for node N) and P control (every node:
-- requests to disconnect a user, written by RedisBus's Control, answered on the asker's node channel).
-- Every message on a channel is one event, a JSON object written by cjson (never by concatenation):
--   k kind (J joined, L left, S said to the room, D said to one member, A state asked, G state given,
--   R removed by the server),
--   r room, s sequence (a string: it does not fit cjson's 14 digits), m the member it is from or
--   about, t the member it is for, i the joiner's {"id","name","color"}, a action, d data (JSON text).
local P = ARGV[1]
local function k_order(room) return P .. 'room:' .. room .. ':order' end
local function k_info(room) return P .. 'room:' .. room .. ':info' end
local function k_seq(room) return P .. 'room:' .. room .. ':seq' end
local K_SIZES = P .. 'sizes'
local K_NODES = P .. 'nodes'
local K_NODESEQ = P .. 'nodeseq'
local function k_node_members(node) return P .. 'node:' .. node .. ':members' end
local function k_alive(node) return P .. 'node:' .. node .. ':alive' end
local function ch_room(room) return P .. 'room:' .. room end
local function ch_node(node) return P .. 'node:' .. node end
local function int(n) return string.format('%.0f', n) end

-- Sequence numbers are microseconds of Redis's clock, kept strictly growing per room; they survive
-- a Redis restart without persistence, so saved states stay ordered across one.
local function next_seq(room)
  local t = redis.call('TIME')
  local seq = tonumber(t[1]) * 1000000 + tonumber(t[2])
  local last = tonumber(redis.call('GET', k_seq(room)) or '0')
  if seq <= last then seq = last + 1 end
  redis.call('SET', k_seq(room), int(seq))
  return seq
end

local function event(fields)
  return cjson.encode(fields)
end

local function node_of(id)
  return string.match(id, '^(.*)-[^-]*$')
end

-- Keeps the sizes hash right; forgets an empty room's keys.
local function settle(room)
  local n = redis.call('ZCARD', k_order(room))
  if n == 0 then
    redis.call('HDEL', K_SIZES, room)
    redis.call('DEL', k_order(room), k_info(room), k_seq(room))
  else
    redis.call('HSET', K_SIZES, room, n)
  end
  return n
end

-- Removes one member and appends its left event; 0 when it was not there.
local function remove_member(room, id)
  if redis.call('ZREM', k_order(room), id) == 0 then return 0 end
  redis.call('HDEL', k_info(room), id)
  local node = node_of(id)
  if node then redis.call('HDEL', k_node_members(node), id) end
  local seq = next_seq(room)
  redis.call('PUBLISH', ch_room(room), event({k = 'L', r = room, s = int(seq), m = id}))
  settle(room)
  return 1
end

-- Removes every member of a node, announcing each, and forgets the node.
local function remove_node(node)
  local members = redis.call('HGETALL', k_node_members(node))
  local removed = 0
  for i = 1, #members, 2 do
    removed = removed + remove_member(members[i + 1], members[i])
  end
  redis.call('DEL', k_node_members(node), k_alive(node))
  redis.call('SREM', K_NODES, node)
  return removed
end

local function member_list(room)
  local ids = redis.call('ZREVRANGE', k_order(room), 0, -1)
  local infos = {}
  for i, id in ipairs(ids) do
    infos[i] = redis.call('HGET', k_info(room), id) or ''
  end
  return infos
end
