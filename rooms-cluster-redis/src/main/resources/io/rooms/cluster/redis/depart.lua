-- ARGV: prefix, node. The node leaves the cluster: its remaining members are removed and announced.
return remove_node(ARGV[2])
