-- ARGV: prefix, room, member id, member JSON, max members (0: none), origin node, force ("1":
-- re-adding a member the registry lost: no limit, and nothing if it is there).
-- Returns {1, seq, members} when admitted, {0, 0, {}} when the room is full, {2, 0, {}} when forced
-- and already there.
local room, id, info, max, origin, force = ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6], ARGV[7] == '1'
local order = k_order(room)
if force then
  if redis.call('ZSCORE', order, id) then return {2, 0, {}} end
elseif max > 0 and redis.call('ZCARD', order) >= max then
  return {0, 0, {}}
end
local seq = next_seq(room)
redis.call('ZADD', order, -seq, id)
redis.call('HSET', k_info(room), id, info)
add_member_room(origin, id, room)
redis.call('HSET', K_MEMBERS, id, origin)
settle(room)
local joined = event({k = 'J', r = room, s = int(seq), m = id, i = info})
redis.call('PUBLISH', ch_room(room), joined)
keep(room, seq, joined)
return {1, seq, member_list(room)}
