-- KEYS: a bucket of room sizes (HASH room -> size) and the number each was taken at (HASH room ->
-- seq). ARGV: room, seq, size. Records the size unless a later one is there; a room of 0 is
-- forgotten.
local room, seq, size = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local known = redis.call('HGET', KEYS[2], room)
if known and tonumber(known) >= seq then return 0 end
if size == 0 then
  redis.call('HDEL', KEYS[1], room)
  redis.call('HDEL', KEYS[2], room)
else
  redis.call('HSET', KEYS[1], room, size)
  redis.call('HSET', KEYS[2], room, string.format('%.0f', seq))
end
return 1
