-- routes.lua: wrk script of bench/run-load.sh. Requests cycle over the
-- search page, the search API, the facets API and the completion API, each
-- with the next query of $BENCH_QUERIES (bench/query/queries.tsv, column 3);
-- one request in $BENCH_BAD_EVERY (default 25) is a bad one that must get
-- 400 (q not UTF-8). Counts answers by kind and prints them at the end:
--   load: ok2xx N bad400 N expected-bad N other N
-- (expected-bad: the bad requests sent, a few of them still in flight at
-- the end; other: any answer that is neither, which must be 0).
local queries = {}
for line in io.lines(os.getenv("BENCH_QUERIES")) do
  if line:sub(1, 1) ~= "#" and #line > 0 then
    local fields = {}
    for f in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = f end
    if fields[3] and #fields[3] > 0 then queries[#queries + 1] = fields[3] end
  end
end
local bad_every = tonumber(os.getenv("BENCH_BAD_EVERY") or "25")
local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local routes = {"/?q=", "/api/v1/search?q=", "/api/v1/facets?q=", "/api/v1/complete?q="}

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local i, sent = 0, 0
ok2xx, bad400, badsent, other = 0, 0, 0, 0
request = function()
  sent = sent + 1
  if bad_every > 0 and sent % bad_every == 0 then
    badsent = badsent + 1
    return wrk.format("GET", "/api/v1/search?q=%FF%FE")
  end
  i = i + 1
  local q = queries[(i - 1) % #queries + 1]
  local route = routes[(i - 1) % #routes + 1]
  if route == "/api/v1/complete?q=" then q = q:sub(1, 4) end
  return wrk.format("GET", route .. encode(q))
end
-- (answers on several connections interleave: a bad request is told by its
-- answer, the 400 that says q is not UTF-8)
response = function(status, headers, body)
  if status >= 200 and status < 300 then ok2xx = ok2xx + 1
  elseif status == 400 and body:find("UTF-8", 1, true) then bad400 = bad400 + 1
  else other = other + 1 end
end
done = function(summary, latency, requests)
  local a, b, c, d = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("ok2xx"); b = b + t:get("bad400"); c = c + t:get("badsent"); d = d + t:get("other")
  end
  io.write(string.format("load: ok2xx %d bad400 %d expected-bad %d other %d\n", a, b, c, d))
end
