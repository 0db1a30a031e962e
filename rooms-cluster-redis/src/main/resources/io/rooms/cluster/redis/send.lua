-- ARGV (after room.lua's five, the room last): kind (A state asked, G state given, R removed, X
-- replaced), from, to, data ('' for none), promote ("1"). Sends an event for member to, when
-- it is in the room, numbered by the room's sequence; with promote, first moves from to the front.
-- Returns {seq, 1 if sent else 0}.
local room, kind, from, to, data, promote = ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10]
if data == '' then data = nil end
if not redis.call('ZSCORE', K_ORDER, to) then
  if redis.call('EXISTS', K_ORDER) == 0 then redis.call('PEXPIRE', K_SEQ, WINDOW) end
  return {0, 0}
end
local seq = current_seq()
if promote == '1' then redis.call('ZADD', K_ORDER, 'XX', activity(), from) end
publish({k = kind, r = room, s = int(seq), m = from, t = to, d = data})
return {seq, 1}
