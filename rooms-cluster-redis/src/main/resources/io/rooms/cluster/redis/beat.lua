-- ARGV: prefix, node, ttl ms. Marks the node alive and live; returns 1 if it was not in the live set
-- (it was taken for dead, or Redis lost its data), so its members must be registered again.
local node, ttl = ARGV[2], ARGV[3]
redis.call('SET', k_alive(node), '1', 'PX', ttl)
local number = tonumber(string.sub(node, 2))
if number and tonumber(redis.call('GET', K_NODESEQ) or '0') < number then
  redis.call('SET', K_NODESEQ, int(number))
end
return redis.call('SADD', K_NODES, node)
