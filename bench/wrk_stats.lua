-- wrk script; prints one RESULT line: requests/s, p50 ms, p95 ms, errors, requests.
-- Arguments (after --): "apply FILE" sends POST /api/v1/positions/<id>/applications for each
-- "token position_id" line of FILE (each pair once); "paths FILE" requests the paths of FILE in turn.
local mode = nil
local items = {}
local counter = 0
local threads = 0
-- Each thread takes every n-th item, from its own offset, so that no apply pair is sent twice.
setup = function(thread)
  thread:set("offset", threads)
  threads = threads + 1
end
init = function(args)
  mode = args[1]
  if mode then
    for line in io.lines(args[2]) do
      if mode == "apply" then
        local token, position = line:match("(%S+) (%d+)")
        items[#items + 1] = {token, position}
      elseif line ~= "" then
        items[#items + 1] = line
      end
    end
  end
end
request = function()
  if #items == 0 then
    return wrk.format(nil)
  end
  local index = counter * 2 + offset  -- wrk runs with -t2
  counter = counter + 1
  local item = items[(index % #items) + 1]
  if mode == "apply" then
    return wrk.format("POST", "/api/v1/positions/" .. item[2] .. "/applications",
      {["Authorization"] = "Bearer " .. item[1], ["Content-Type"] = "application/json"}, "{}")
  end
  return wrk.format("GET", item)
end
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d %d\n", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.requests, latency.max / 1000))
end
