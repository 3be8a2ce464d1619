-- wrk script for the case command mix (benchmark items 1 and 2).
-- Usage: wrk ... -s commands.lua URL -- <token file> <cases> <hot first> <hot count> <hot %> <contact %>
-- Cases 1..<cases> were seeded with deterministic ids (bench/Participation.Bench/Seeder.cs): case n is
-- 00000000-0000-7000-8000-<n as 12 hex digits>, its seeded participant 00000000-0000-7000-9000-<n>.
-- <hot %> of the commands go to the <hot count> cases from <hot first>, the rest to any of the many cases;
-- <contact %> of the commands record a contact moment, the rest add a participant.
-- done() prints one JSON line: requests, seconds, status classes, socket errors and latency percentiles (µs).
local threads = {}

function setup(thread)
  thread:set("thread_no", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(args[1], "r"))
  local token = f:read("*l")
  f:close()
  cases, hot_first, hot_count = tonumber(args[2]), tonumber(args[3]), tonumber(args[4])
  hot_pct, contact_pct = tonumber(args[5]), tonumber(args[6])
  headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  math.randomseed(os.time() * 100 + thread_no)
  s2xx, s409, s4xx, s5xx, sother = 0, 0, 0, 0, 0
end

local function id(kind, n) return string.format("00000000-0000-7000-%s-%012x", kind, n) end

function request()
  local n
  if math.random(100) <= hot_pct then n = hot_first + math.random(hot_count) - 1 else n = math.random(cases) end
  local path = "/api/cases/" .. id("8000", n)
  if math.random(100) <= contact_pct then
    return wrk.format("POST", path .. "/contacts", headers,
      '{"occurredAt":"2026-01-15T10:00:00Z","kind":"home-visit","participantIds":["' .. id("9000", n) ..
      '"],"summary":"Huisbezoek: gesproken over het buurtontbijt, wie wat meeneemt en hoe de school kan helpen."}')
  end
  return wrk.format("POST", path .. "/participants", headers,
    '{"role":"parent","displayName":"Ouder ' .. math.random(1000000) .. '","contact":{"phone":"06-12345678"}}')
end

function response(status, headers, body)
  if status >= 200 and status < 300 then s2xx = s2xx + 1
  elseif status == 409 then s409 = s409 + 1
  elseif status >= 500 then s5xx = s5xx + 1
  elseif status >= 400 then s4xx = s4xx + 1
  else sother = sother + 1 end
end

function done(summary, latency, requests)
  local t = { s2xx = 0, s409 = 0, s4xx = 0, s5xx = 0, sother = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"seconds":%.3f,"ok":%d,"conflicts":%d,"client_errors":%d,"server_errors":%d,"other":%d,' ..
    '"socket_errors":%d,"p50":%d,"p95":%d,"p99":%d,"max":%d,"mean":%.1f}\n',
    summary.requests, summary.duration / 1e6, t.s2xx, t.s409, t.s4xx, t.s5xx, t.sother,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
end
