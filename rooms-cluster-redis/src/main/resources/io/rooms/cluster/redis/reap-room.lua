-- ARGV (after room.lua's five, the room last): node. Removes every member node serves in the room (the node
-- died or left), announcing each as left. Returns {seq, size, id...}: the last left event's number
-- (0 for none), the room's size after, and the ids removed.
local room, node = ARGV[5], ARGV[6]
local out = {0, 0}
local entries = redis.call('HGETALL', K_NODES)
for i = 1, #entries, 2 do
  if entries[i + 1] == node then
    local seq = remove_member(room, entries[i])
    if seq ~= 0 then
      out[1] = seq
      out[#out + 1] = entries[i]
    end
  end
end
out[2] = settle()
return out
