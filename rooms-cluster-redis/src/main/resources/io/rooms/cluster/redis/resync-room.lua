-- ARGV (after room.lua's five, the room last): node, then each member node serves in the room, as its
-- {"id","name","color"} JSON. Makes the registry agree: each of them is a member (added
-- past any limit, announced as joined, when missing), and no other member is registered to node.
-- Returns {seq, size}: the last event's number (0 when nothing changed) and the room's size.
local room, node = ARGV[5], ARGV[6]
local last = 0
local local_ids = {}
for a = 7, #ARGV do
  local info = ARGV[a]
  local id = cjson.decode(info).id
  local_ids[id] = true
  if not redis.call('ZSCORE', K_ORDER, id) then
    local seq = next_seq()
    redis.call('ZADD', K_ORDER, -seq, id)
    redis.call('HSET', K_INFO, id, info)
    keep(seq, publish({k = 'J', r = room, s = int(seq), m = id, i = info}))
    last = seq
  end
  redis.call('HSET', K_NODES, id, node)
end
local entries = redis.call('HGETALL', K_NODES)
for i = 1, #entries, 2 do
  if entries[i + 1] == node and not local_ids[entries[i]] then
    local seq = remove_member(room, entries[i])
    if seq ~= 0 then last = seq end
  end
end
return {last, settle()}
