-- wrk script for the case command mix (benchmark items 1 and 2).
-- Usage: wrk ... -s commands.lua URL -- <token file> <cases> <hot first> <hot count> <hot %> <contact %>
-- Cases 1..<cases> were seeded with deterministic ids (bench/Participation.Bench/Seeder.cs): case n is
-- 00000000-0000-7000-8000-<n as 12 hex digits>, its seeded participant 00000000-0000-7000-9000-<n>.
-- <hot %> of the commands go to the <hot count> cases from <hot first>, the rest to any of the many cases;
-- <contact %> of the commands record a contact moment, the rest add a participant.
-- tally.lua counts the answers and prints the JSON line the benchmark reads.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "tally.lua")

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

function next_request()
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
