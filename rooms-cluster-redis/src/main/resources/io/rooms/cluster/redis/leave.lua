-- ARGV (after room.lua's five, the room last): member id. Returns {seq, size}: the left event's number (0 when
-- the member was not there) and the room's size after it.
local seq = remove_member(ARGV[5], ARGV[6])
return {seq, settle()}
