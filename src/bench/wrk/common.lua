-- Shared by the benchmark's wrk scripts: reads account ids, counts status codes across threads.
local M = {}

function M.read_ids(path)
  local ids = {}
  for line in io.lines(path) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  return ids
end

local threads = {}

-- RUN (env) names this wrk process, distinct among processes that run at the same time (the driver passes
-- the run's name and the port): it goes into every Idempotency-Key and into the random seed, so that two
-- wrk processes started in the same second neither share keys nor draw the same accounts.
M.run = os.getenv("RUN") or "bench"

function M.seed_random(thread_id)
  local h = 0
  for i = 1, #M.run do h = (h * 31 + M.run:byte(i)) % 1000003 end
  math.randomseed(os.time() * 1000 + h * 16 + thread_id)
end

function M.setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

-- The status counts of every thread, as the driver script reads them: "201:5000,409:3" (sorted), or "".
function M.statuses()
  local counts = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for status, n in pairs(c) do counts[status] = (counts[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(counts) do parts[#parts + 1] = status .. ":" .. n end
  table.sort(parts)
  return table.concat(parts, ",")
end

function M.socket_errors(summary)
  return summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
end

-- The values of the list that every thread keeps in the global NAME, in one sorted list.
function M.gather(name)
  local all = {}
  for _, thread in ipairs(threads) do
    for _, v in ipairs(thread:get(name)) do all[#all + 1] = v end
  end
  table.sort(all)
  return all
end

-- The sum over the threads of the number every thread keeps in the global NAME.
function M.sum(name)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get(name) or 0) end
  return total
end

-- Prints one line the driver script parses: status counts and latency percentiles (microseconds).
function M.done(summary, latency)
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_us=%d p99_us=%d statuses=%s socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    M.statuses(), M.socket_errors(summary)))
end

return M
