-- wrk's report as one JSON line for bench.load: counts, and latency percentiles in microseconds.
-- With WRK_METHOD and WRK_BODY set, every request posts the body as a form. With
-- WRK_VARY_ADDRESS set, every request comes from another client address, as the reverse proxy
-- in front of the server reports it (X-Forwarded-For): many citizens' phones, not one machine.
local method = os.getenv("WRK_METHOD")
if method then
  wrk.method = method
  wrk.body = os.getenv("WRK_BODY")
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

if os.getenv("WRK_VARY_ADDRESS") then
  math.randomseed(os.time())
  local next_address = math.random(0, 2 ^ 23) -- a different stretch of 10.0.0.0/8 each run
  request = function()
    next_address = (next_address + 1) % (2 ^ 24)
    wrk.headers["X-Forwarded-For"] = string.format(
      "10.%d.%d.%d",
      math.floor(next_address / 65536) % 256,
      math.floor(next_address / 256) % 256,
      next_address % 256
    )
    return wrk.format()
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p95_us": %d, '
      .. '"max_us": %d, "status_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
