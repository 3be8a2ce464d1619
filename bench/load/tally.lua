-- Shared by commands.lua and reads.lua: numbers the threads, counts responses by status class, times every request
-- itself, and at the end prints one JSON line: requests, seconds, status classes, socket errors and latency percentiles (µs).
-- The percentiles are of the measured latencies, as pgbench's per-transaction log gives them: wrk's own histogram adds
-- coordinated-omission corrections (synthetic samples for every request slower than twice the mean interval), which
-- turned one 395-ms request at one client into a p99 of 308 ms where the requests measured 25.5 ms (ADR 24).
-- Timing a request from request() to response() needs one connection per thread (Load.Wrk passes -t as -c).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } tally_timespec;
  int clock_gettime(int clock, tally_timespec *now);
]]
local clock = ffi.new("tally_timespec")
local function now_us()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1e6 + tonumber(clock.tv_nsec) / 1e3
end

local threads = {}

function setup(thread)
  thread:set("thread_no", #threads + 1)
  table.insert(threads, thread)
end

-- Each script builds its requests in next_request(). A request built while another is awaited is wrk's check of the
-- script, a resend after a socket error, or a thread holding more than one connection, which would make the latencies wrong.
latencies, started, overlaps = {}, nil, 0

function request()
  if started then overlaps = overlaps + 1 end
  started = now_us()
  return next_request()
end

function response(status, headers, body)
  if started then
    latencies[#latencies + 1] = now_us() - started
    started = nil
  end
  if status >= 200 and status < 300 then s2xx = s2xx + 1
  elseif status == 409 then s409 = s409 + 1
  elseif status >= 500 then s5xx = s5xx + 1
  elseif status >= 400 then s4xx = s4xx + 1
  else sother = sother + 1 end
end

local function percentile(sorted, p)
  if #sorted == 0 then return 0 end
  return sorted[math.max(1, math.ceil(#sorted * p / 100))]
end

function done(summary, latency, requests)
  local t = { s2xx = 0, s409 = 0, s4xx = 0, s5xx = 0, sother = 0 }
  local all, sum, overlapped = {}, 0, 0
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
    overlapped = overlapped + thread:get("overlaps")
    for _, v in ipairs(thread:get("latencies")) do all[#all + 1] = v; sum = sum + v end
  end
  table.sort(all)
  local e = summary.errors
  -- wrk builds one request on the first thread before the run to check the script: that one is never sent.
  if overlapped > 1 + e.connect + e.read + e.write + e.timeout then
    error("requests overlapped on a wrk thread: run wrk with as many threads (-t) as connections (-c)")
  end
  io.write(string.format(
    'WRKJSON {"requests":%d,"seconds":%.3f,"ok":%d,"conflicts":%d,"client_errors":%d,"server_errors":%d,"other":%d,' ..
    '"socket_errors":%d,"p50":%d,"p95":%d,"p99":%d,"max":%d,"mean":%.1f,"wrk_corrected_p99":%d}\n',
    summary.requests, summary.duration / 1e6, t.s2xx, t.s409, t.s4xx, t.s5xx, t.sother,
    e.connect + e.read + e.write + e.timeout,
    percentile(all, 50), percentile(all, 95), percentile(all, 99), all[#all] or 0, #all > 0 and sum / #all or 0,
    latency:percentile(99)))
end
