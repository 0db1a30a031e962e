-- KEYS: a session. ARGV: how long an ended session is kept (ms). Its node died: the session is
-- marked ended now, so that it can be resumed on another node.
local json = redis.call('GET', KEYS[1])
if not json then return 0 end
local session = cjson.decode(json)
if session.endedAtMillis ~= nil and session.endedAtMillis ~= cjson.null then return 0 end
local t = redis.call('TIME')
session.endedAtMillis = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('SET', KEYS[1], cjson.encode(session), 'PX', ARGV[1])
return 1
