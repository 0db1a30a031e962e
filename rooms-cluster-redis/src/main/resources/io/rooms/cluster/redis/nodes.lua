-- ARGV: prefix. Every node in the live set with 1 if its heartbeat key still exists, else 0 (taken
-- for dead: the next reap removes its members). Returns a flat list: node, alive, node, alive, ...
local out = {}
for _, node in ipairs(redis.call('SMEMBERS', K_NODES)) do
  out[#out + 1] = node
  out[#out + 1] = redis.call('EXISTS', k_alive(node))
end
return out
