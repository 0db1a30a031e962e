-- ARGV: prefix, room, member id, origin node, frame. Returns 1 if the member was there.
return remove_member(ARGV[2], ARGV[3], ARGV[4], ARGV[5])
