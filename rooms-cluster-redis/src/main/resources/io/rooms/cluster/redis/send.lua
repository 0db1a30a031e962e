-- ARGV: prefix, kind (A state asked, G state given, R removed, X replaced), room, from, to, data ('' for none),
-- promote ("1"). Sends a node event to the node of to, numbered by the room's sequence; with promote,
-- first moves from to the front. A removal or replacement goes only to a member of the room. Returns {seq, how many
-- nodes received it}.
local kind, room, from, to, data, promote = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
if data == '' then data = nil end
local order = k_order(room)
if (kind == 'R' or kind == 'X') and not redis.call('ZSCORE', order, to) then return {0, 0} end
local seq = current_seq(room)
if promote == '1' then redis.call('ZADD', order, 'XX', activity(), from) end
local node = node_of(to)
local count = 0
if node then
  count = redis.call('PUBLISH', ch_node(node), event({k = kind, r = room, s = int(seq), m = from, t = to, d = data}))
end
if redis.call('EXISTS', order) == 0 then redis.call('PEXPIRE', k_seq(room), config().window) end
return {seq, count}
