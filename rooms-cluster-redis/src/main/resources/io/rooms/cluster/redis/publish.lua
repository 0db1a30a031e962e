-- ARGV: prefix, "room" or a node id (where to), kind, room, origin, member, other, promote ("1"), frame.
-- Appends to the room's stream or sends to the node, numbered by the room's sequence; with promote,
-- first moves the member to the front of the room. Returns {seq, count}: the room's size, or how
-- many nodes received a node message.
local to, kind, room, origin, member, other, promote, frame = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9]
local seq = next_seq(room)
if promote == '1' then redis.call('ZADD', k_order(room), 'XX', seq, member) end
local count
if to == 'room' then
  redis.call('PUBLISH', ch_room(room), envelope(kind, room, seq, origin, member, other, frame))
  count = redis.call('ZCARD', k_order(room))
else
  count = redis.call('PUBLISH', ch_node(to), envelope(kind, room, seq, origin, member, other, frame))
end
if redis.call('EXISTS', k_order(room)) == 0 then redis.call('DEL', k_seq(room)) end
return {seq, count}
