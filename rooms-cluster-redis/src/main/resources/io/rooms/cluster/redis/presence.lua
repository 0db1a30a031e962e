-- ARGV (after room.lua's five, the room last): member id, presence (JSON text; '' clears it).
-- Sets the member's presence in the room and appends a presence event, when it is a member.
-- Returns {seq, count}: the event's number and the room's size, or {0, 0} when it is not there.
local room, id, meta = ARGV[5], ARGV[6], ARGV[7]
if not redis.call('ZSCORE', K_ORDER, id) then return {0, 0} end
if meta == '' then
  redis.call('HDEL', K_META, id)
  meta = nil
else
  redis.call('HSET', K_META, id, meta)
end
local seq = next_seq()
keep(seq, publish({k = 'P', r = room, s = int(seq), m = id, d = meta}))
return {seq, redis.call('ZCARD', K_ORDER)}
