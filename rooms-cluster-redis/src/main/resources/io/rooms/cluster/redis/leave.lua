-- ARGV: prefix, room, member id. Returns 1 if the member was there.
return remove_member(ARGV[2], ARGV[3])
