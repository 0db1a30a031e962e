-- ARGV (after room.lua's five, the room last): member id, member JSON, max members (0: none), the node serving it.
-- Returns {1, seq, members} when admitted, {0, 0, {}} when the room is full.
local room, id, info, max, origin = ARGV[5], ARGV[6], ARGV[7], tonumber(ARGV[8]), ARGV[9]
if max > 0 and redis.call('ZCARD', K_ORDER) >= max then
  return {0, 0, {}}
end
local seq = next_seq()
redis.call('ZADD', K_ORDER, -seq, id)
redis.call('HSET', K_INFO, id, info)
redis.call('HSET', K_NODES, id, origin)
settle()
keep(seq, publish({k = 'J', r = room, s = int(seq), m = id, i = info}))
return {1, seq, member_list()}
