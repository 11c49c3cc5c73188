-- GET /accounts/{id} for random accounts.
package.path = package.path .. ";" .. os.getenv("BENCH_DIR") .. "/wrk/?.lua"
local common = require("common")
local ids = nil
counts = {} -- global: common.done reads it from every thread
local token = os.getenv("TOKEN")

setup = common.setup
done = common.done

function init(args)
  ids = common.read_ids(os.getenv("IDS"))
  common.seed_random(id)
end

function request()
  return wrk.format("GET", "/accounts/" .. ids[math.random(#ids)], { ["Authorization"] = "Bearer " .. token })
end

function response(status)
  counts[status] = (counts[status] or 0) + 1
end
