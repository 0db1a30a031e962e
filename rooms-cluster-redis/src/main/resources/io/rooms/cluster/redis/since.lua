-- ARGV (after room.lua's five, the room last): after. Returns {1, event JSON...} with every room-wide event
-- numbered after `after`, in order, when the room still holds all of them; {0} when it does not (too
-- far behind, or a number this room never gave).
local after = tonumber(ARGV[6])
local last = redis.call('GET', K_SEQ)
if not last then return {0} end
last = tonumber(last)
if after > last then return {0} end
if after == last then return {1} end
local first = '0-' .. int(after + 1)
local entries = redis.call('XRANGE', K_HIST, first, '+')
if #entries == 0 or entries[1][1] ~= first then return {0} end
local out = {1}
for i, entry in ipairs(entries) do out[i + 1] = entry[2][2] end
return out
