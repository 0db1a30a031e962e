-- ARGV: prefix, room, member id, presence (JSON text; '' clears it).
-- Sets the member's presence in the room and appends a presence event, when it is a member.
-- Returns {seq, count}: the event's number and the room's size, or {0, 0} when it is not there.
local room, id, meta = ARGV[2], ARGV[3], ARGV[4]
local order = k_order(room)
if not redis.call('ZSCORE', order, id) then return {0, 0} end
if meta == '' then
  redis.call('HDEL', k_meta(room), id)
  meta = nil
else
  redis.call('HSET', k_meta(room), id, meta)
end
local seq = next_seq(room)
local updated = event({k = 'P', r = room, s = int(seq), m = id, d = meta})
redis.call('PUBLISH', ch_room(room), updated)
keep(room, seq, updated)
return {seq, redis.call('ZCARD', order)}
