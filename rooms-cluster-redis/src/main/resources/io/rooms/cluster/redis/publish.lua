-- ARGV (after room.lua's five, the room last): from, action, data ('' for none), to ('' for the whole room),
-- promote ("1"), ref ('' for none: with one, KEYS[7] is the set of refs its session had accepted in
-- this room, where it is recorded, for a resume on another node).
-- Appends a said event to the room's stream or, with to, sends it to that member if it is in the
-- room; with promote, first moves the sender to the front. Returns {seq, count}: the room's size,
-- or for to 1, and 0 when no such member is in the room.
local room, from, action, data, to, promote, ref = ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10], ARGV[11]
if ref ~= '' then
  local refs = KEYS[7]
  if redis.call('SCARD', refs) >= 1024 then redis.call('DEL', refs) end -- the latest matter; keep it bounded
  redis.call('SADD', refs, ref)
  redis.call('PEXPIRE', refs, 86400000)
end
if data == '' then data = nil end
local seq
local count = 0
if to ~= '' then
  seq = current_seq()
  if redis.call('ZSCORE', K_ORDER, to) then
    if promote == '1' then redis.call('ZADD', K_ORDER, 'XX', activity(), from) end
    publish({k = 'D', r = room, s = int(seq), m = from, t = to, a = action, d = data})
    count = 1
  end
else
  seq = next_seq()
  if promote == '1' then redis.call('ZADD', K_ORDER, 'XX', activity(), from) end
  keep(seq, publish({k = 'S', r = room, s = int(seq), m = from, a = action, d = data}))
  count = redis.call('ZCARD', K_ORDER)
end
if redis.call('EXISTS', K_ORDER) == 0 then redis.call('PEXPIRE', K_SEQ, WINDOW) end
return {seq, count}
