-- ARGV: prefix, room. Returns the members' JSON, most active first.
return member_list(ARGV[2])
