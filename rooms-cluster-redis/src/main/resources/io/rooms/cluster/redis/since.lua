-- ARGV: prefix, room, after. Returns {1, event JSON...} with every room-wide event numbered after
-- `after`, in order, when the room still holds all of them; {0} when it does not (too far behind,
-- or a number this room never gave).
local room, after = ARGV[2], tonumber(ARGV[3])
local last = redis.call('GET', k_seq(room))
if not last then return {0} end
last = tonumber(last)
if after > last then return {0} end
if after == last then return {1} end
local first = '0-' .. int(after + 1)
local entries = redis.call('XRANGE', k_hist(room), first, '+')
if #entries == 0 or entries[1][1] ~= first then return {0} end
local out = {1}
for i, entry in ipairs(entries) do out[i + 1] = entry[2][2] end
return out
