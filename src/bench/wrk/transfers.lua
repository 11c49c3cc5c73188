-- POST /operations: STP transfers between random distinct accounts, each with its own Idempotency-Key.
-- env: IDS (file of account ids), TOKEN, AMOUNT, RUN (see common.lua)
package.path = package.path .. ";" .. os.getenv("BENCH_DIR") .. "/wrk/?.lua"
local common = require("common")
local ids, counter = nil, 0
counts = {} -- global: common.done reads it from every thread
local token, amount = os.getenv("TOKEN"), os.getenv("AMOUNT") or "1.00"

setup = common.setup
done = common.done

function init(args)
  ids = common.read_ids(os.getenv("IDS"))
  common.seed_random(id)
end

function request()
  counter = counter + 1
  local from = math.random(#ids)
  local to = math.random(#ids - 1)
  if to >= from then to = to + 1 end
  local body = string.format(
    '{"type":"TRANSFER","amount":"%s","currency":"EUR","debitAccountId":"%s","creditAccountId":"%s"}',
    amount, ids[from], ids[to])
  return wrk.format("POST", "/operations", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("%s-%d-%d-%d", common.run, os.time(), id, counter)
  }, body)
end

function response(status)
  counts[status] = (counts[status] or 0) + 1
end

