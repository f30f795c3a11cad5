-- wrk script for http-bench.sh: checks the status of every answer, and for the login benchmark POSTs
-- pre-generated SAML responses, each exactly once.
-- Arguments (after --): EXPECTED_STATUS [FILE FIRST COUNT THREADS]. Any other status is counted, and done() prints
-- "Unexpected status: N", which http-bench.sh requires to be 0 (a refused login answers 403, a bounce page 200, a
-- lost session a 302 to the IdP: none of them may count as a measured success). With FILE, lines
-- FIRST .. FIRST+COUNT-1 are shared out over wrk's threads (line i goes to thread i mod THREADS); a thread that
-- runs out starts over, and those replays are refused.
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  threads[#threads + 1] = thread
end

function init(args)
  expected = tonumber(args[1])
  unexpected = 0
  first_unexpected = 0
  n = 0
  if args[2] ~= nil then
    local file, first, count, step = args[2], tonumber(args[3]), tonumber(args[4]), tonumber(args[5])
    bodies = {}
    local i = 0
    for line in io.lines(file) do
      if i >= first + count then break end
      if i >= first and (i - first) % step == id then bodies[#bodies + 1] = line end
      i = i + 1
    end
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
end

function request()
  if bodies == nil then
    return wrk.request()
  end
  n = n + 1
  if n > #bodies then n = 1 end
  return wrk.format(nil, nil, nil, bodies[n])
end

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
    if first_unexpected == 0 then first_unexpected = status end
  end
end

function done(summary, latency, requests)
  local total, first = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("unexpected")
    if first == 0 then first = thread:get("first_unexpected") end
  end
  io.write(string.format("Unexpected status: %d (first: %d, expected: %d)\n", total, first,
    threads[1]:get("expected")))
end
