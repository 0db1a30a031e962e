-- ARGV: room.lua's five. Returns the members most active first, each as its JSON then
-- its presence ('' for none).
return member_list()
