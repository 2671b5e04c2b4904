-- wrk script: GET with the bearer credential in BENCH_AUTHORIZATION; the last line is for deploy/bench/gateway to read.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_AUTHORIZATION")

local failed = 0

response = function(status, headers, body)
  if status ~= 200 then
    failed = failed + 1
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + failed, errors))
end
