-- Shared by commands.lua and reads.lua: numbers the threads, counts responses by status class, and at the end
-- prints one JSON line: requests, seconds, status classes, socket errors and latency percentiles (µs).
local threads = {}

function setup(thread)
  thread:set("thread_no", #threads + 1)
  table.insert(threads, thread)
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
