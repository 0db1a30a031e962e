-- ARGV: prefix, room, from, action, data ('' for none), to ('' for the whole room), promote ("1"),
-- session and ref ('' for none: with both, the ref is recorded as accepted in that session, for a
-- resume on another node).
-- Appends a said event to the room's stream or, with to, sends it to that member's node if it is in
-- the room; with promote, first moves the sender to the front. Returns {seq, count}: the room's
-- size, or for to 1, and 0 when no such member is in the room.
local room, from, action, data, to, promote = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local session, ref = ARGV[8] or '', ARGV[9] or ''
if session ~= '' and ref ~= '' then
  local refs = P .. 'session:' .. session .. ':refs'
  if redis.call('SCARD', refs) >= 1024 then redis.call('DEL', refs) end -- the latest matter; keep it bounded
  redis.call('SADD', refs, ref)
  redis.call('PEXPIRE', refs, 86400000)
end
if data == '' then data = nil end
local order = k_order(room)
local seq
local count = 0
if to ~= '' then
  seq = current_seq(room)
  local node = node_of(to)
  if node and redis.call('ZSCORE', order, to) then
    if promote == '1' then redis.call('ZADD', order, 'XX', activity(), from) end
    redis.call('PUBLISH', ch_node(node), event({k = 'D', r = room, s = int(seq), m = from, t = to, a = action, d = data}))
    count = 1
  end
else
  seq = next_seq(room)
  if promote == '1' then redis.call('ZADD', order, 'XX', activity(), from) end
  local said = event({k = 'S', r = room, s = int(seq), m = from, a = action, d = data})
  redis.call('PUBLISH', ch_room(room), said)
  keep(room, seq, said)
  count = redis.call('ZCARD', order)
end
if redis.call('EXISTS', order) == 0 then redis.call('PEXPIRE', k_seq(room), config().window) end
return {seq, count}
