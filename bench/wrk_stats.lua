-- wrk script: optional file of "token position_id" lines for POST /api/v1/positions/<id>/applications
-- (each pair used once); prints one RESULT line: requests/s, p50 ms, p95 ms, errors, requests.
local pairs_ = {}
local counter = 0
local threads = 0
-- Each thread takes every n-th pair, from its own offset, so that no pair is sent twice.
setup = function(thread)
  thread:set("offset", threads)
  threads = threads + 1
end
init = function(args)
  if args[1] then
    for line in io.lines(args[1]) do
      local token, position = line:match("(%S+) (%d+)")
      pairs_[#pairs_ + 1] = {token, position}
    end
  end
end
request = function()
  if #pairs_ > 0 then
    local index = counter * 2 + offset  -- wrk runs with -t2
    counter = counter + 1
    local pair = pairs_[(index % #pairs_) + 1]
    return wrk.format("POST", "/api/v1/positions/" .. pair[2] .. "/applications",
      {["Authorization"] = "Bearer " .. pair[1], ["Content-Type"] = "application/json"}, "{}")
  end
  return wrk.format(nil)
end
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.requests))
end
