-- queries.lua: wrk script of bench/run-web.sh. Each request takes the next
-- query of the file $BENCH_QUERIES (bench/query/queries.tsv: the column
-- $BENCH_COLUMN, 3 for cote, 4 for Xapian's QueryParser), appended,
-- percent-encoded, to the path $BENCH_PATH ("/api/v1/search?q=").
local queries = {}
local column = tonumber(os.getenv("BENCH_COLUMN") or "3")
local path = os.getenv("BENCH_PATH") or "/api/v1/search?q="
for line in io.lines(os.getenv("BENCH_QUERIES")) do
  if line:sub(1, 1) ~= "#" and #line > 0 then
    local fields = {}
    for f in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = f end
    if fields[column] and #fields[column] > 0 then queries[#queries + 1] = fields[column] end
  end
end
local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", path .. encode(queries[i]))
end
