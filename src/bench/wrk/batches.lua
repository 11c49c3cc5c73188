-- POST /operation-batches: batches of BATCH STP transfers in INDEPENDENT mode, each item between random distinct
-- accounts with its own key, the batch with its own Idempotency-Key. A batch answered 200 is done; one answered
-- 202 is polled (GET /operation-batches/{id}, every POLL_MS milliseconds) until its status is DONE.
-- env: IDS (file of account ids), TOKEN, AMOUNT, RUN (see common.lua), BATCH (items per batch, default 100),
-- POLL_MS (default 20).
--
-- A thread follows one batch at a time, so the driver runs it with as many threads as connections (wrk calls
-- request and response per thread, not per connection). wrk's own latency figures would mix submissions and
-- polls: the RESULT line gives instead, per batch, the time from building its request to its last answer (200,
-- or the poll that saw DONE), measured with the wall clock: requests= counts the batches done within the run,
-- items= their transfers booked (items sent less items refused), refused= the items answered with a problem
-- (counted in the last answer's body: its "problem" objects), failed= batches answered non-2xx or seen FAILED.
-- statuses= counts every HTTP answer, polls included.
package.path = package.path .. ";" .. os.getenv("BENCH_DIR") .. "/wrk/?.lua"
local common = require("common")
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_usec; } bench_timeval;
int gettimeofday(bench_timeval *tv, void *tz);
]]
local timeval = ffi.new("bench_timeval")
local function now_us()
  ffi.C.gettimeofday(timeval, nil)
  return tonumber(timeval.tv_sec) * 1000000 + tonumber(timeval.tv_usec)
end

local ids, counter = nil, 0
local token, amount = os.getenv("TOKEN"), os.getenv("AMOUNT") or "1.00"
local size, poll_ms = tonumber(os.getenv("BATCH") or "100"), tonumber(os.getenv("POLL_MS") or "20")
local pending, started = nil, 0 -- the id of the batch this thread polls, when it answered 202; when it was sent

-- globals: common.done and done below read them from every thread
counts = {}
latencies = {} -- microseconds, one per batch done
booked, refused, failed, polls = 0, 0, 0, 0

setup = common.setup

function init(args)
  ids = common.read_ids(os.getenv("IDS"))
  common.seed_random(id)
end

function delay()
  if pending then return poll_ms end
  return 0
end

function request()
  if pending then
    polls = polls + 1
    return wrk.format("GET", "/operation-batches/" .. pending, { ["Authorization"] = "Bearer " .. token })
  end
  counter = counter + 1
  local key = string.format("%s-%d-%d-%d", common.run, os.time(), id, counter)
  local items = {}
  for i = 1, size do
    local from = math.random(#ids)
    local to = math.random(#ids - 1)
    if to >= from then to = to + 1 end
    items[i] = string.format(
      '{"key":"%s-%d","type":"TRANSFER","amount":"%s","currency":"EUR","debitAccountId":"%s","creditAccountId":"%s","label":"bench batch"}',
      key, i, amount, ids[from], ids[to])
  end
  started = now_us()
  return wrk.format("POST", "/operation-batches", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key
  }, '{"mode":"INDEPENDENT","operations":[' .. table.concat(items, ",") .. ']}')
end

local function status_is(body, value)
  return body:find('"status"%s*:%s*"' .. value .. '"') ~= nil
end

local function finish(body)
  local problems = 0
  for _ in body:gmatch('"problem"%s*:%s*{') do problems = problems + 1 end
  latencies[#latencies + 1] = now_us() - started
  refused = refused + problems
  booked = booked + size - problems
  pending = nil
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if status == 200 and not pending then -- a small batch, answered at once
    finish(body)
  elseif status == 202 and not pending then
    if status_is(body, "DONE") then finish(body)
    else
      pending = body:match('"id"%s*:%s*"([^"]+)"')
      if not pending then failed = failed + 1 end
    end
  elseif status == 200 and pending then
    if status_is(body, "DONE") then finish(body)
    elseif status_is(body, "FAILED") then failed = failed + 1; pending = nil end
  else
    failed = failed + 1
    pending = nil
  end
end

local function percentile(sorted, p)
  if #sorted == 0 then return 0 end
  return sorted[math.max(1, math.ceil(#sorted * p / 100))]
end

function done(summary, latency)
  local all = common.gather("latencies")
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f p50_us=%d p99_us=%d statuses=%s socket_errors=%d items=%d refused=%d failed=%d polls=%d\n",
    #all, summary.duration / 1e6, percentile(all, 50), percentile(all, 99), common.statuses(),
    common.socket_errors(summary), common.sum("booked"), common.sum("refused"), common.sum("failed"), common.sum("polls")))
end
