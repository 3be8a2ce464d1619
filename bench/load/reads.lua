-- wrk script for GETs (the read benchmarks).
-- Usage: wrk ... -s reads.lua URL -- <token file> <cases> <path template>
-- The path template has %s for a case id picked at random from the seeded cases 1..<cases> (or none at all).
-- tally.lua counts the answers and prints the JSON line the benchmark reads.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "tally.lua")

function init(args)
  local f = assert(io.open(args[1], "r"))
  local token = f:read("*l")
  f:close()
  cases, template = tonumber(args[2]), args[3]
  headers = { ["Authorization"] = "Bearer " .. token }
  math.randomseed(os.time() * 100 + thread_no)
  s2xx, s409, s4xx, s5xx, sother = 0, 0, 0, 0, 0
end

function next_request()
  local path = template
  if string.find(template, "%%s") then
    path = string.format(template, string.format("00000000-0000-7000-8000-%012x", math.random(cases)))
  end
  return wrk.format("GET", path, headers)
end
