-- wrk script for the login benchmark: POSTs pre-generated SAML responses to the ACS, each exactly once.
-- Arguments (after --): FILE FIRST COUNT THREADS. Lines FIRST .. FIRST+COUNT-1 of FILE are shared out over wrk's
-- threads (line i goes to thread i mod THREADS). A thread that runs out starts over: those are replays, which the
-- ACS refuses, and wrk then reports "Non-2xx or 3xx responses", which http-bench.sh treats as a failed run.
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local file, first, count, threads = args[1], tonumber(args[2]), tonumber(args[3]), tonumber(args[4])
  bodies = {}
  local i = 0
  for line in io.lines(file) do
    if i >= first + count then break end
    if i >= first and (i - first) % threads == id then bodies[#bodies + 1] = line end
    i = i + 1
  end
  n = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  n = n + 1
  if n > #bodies then n = 1 end
  return wrk.format(nil, nil, nil, bodies[n])
end
