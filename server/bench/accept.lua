-- wrk script: each request accepts the next pending partnership request with its own reseller's
-- session (pairs made by `server bench-data`). Once the pairs run out it stops sending.
local pairs = {}
local i = 0
local thread_count = 0

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  for line in io.lines(args[1]) do
    local token, cookie = line:match("^(%S+) (%S+)$")
    if token then table.insert(pairs, { token = token, cookie = cookie }) end
  end
  -- Two threads: even lines for one, odd for the other, so no pair is used twice.
  i = id + 1
end

function request()
  local p = pairs[i]
  i = i + 2
  if p == nil then
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  return wrk.format("POST", "/api/respond_invitation", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Sec-Fetch-Site"] = "same-origin",
    ["Cookie"] = p.cookie,
  }, "token=" .. p.token .. "&accept=true&authorize=on")
end

local statuses = {}
function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("accept: %d requests, p50 %.2f ms, p99 %.2f ms\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
