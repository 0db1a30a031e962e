-- ARGV: prefix, the calling node. Removes the members of every node whose heartbeat expired,
-- announcing each as left; returns how many were removed.
local removed = 0
for _, node in ipairs(redis.call('SMEMBERS', K_NODES)) do
  if node ~= ARGV[2] and redis.call('EXISTS', k_alive(node)) == 0 then
    removed = removed + remove_node(node)
  end
end
return removed
