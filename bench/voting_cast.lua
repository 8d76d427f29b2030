-- wrk script for bench/voting.py: each request casts the ballot of the next voter (one API token each).
-- wrk -s bench/voting_cast.lua URL -- TOKENS_FILE PATH THREADS QUESTION...
-- QUESTION is "id=option,option,...:k": choose 1..k distinct options at random.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local every = tonumber(args[3])
  tokens, path, questions = {}, args[2], {}
  local i = 0
  for line in io.lines(args[1]) do
    if i % every == id then table.insert(tokens, line) end
    i = i + 1
  end
  for n = 4, #args do
    local qid, list, k = string.match(args[n], "^(%d+)=([%d,]+):(%d+)$")
    local options = {}
    for o in string.gmatch(list, "%d+") do table.insert(options, o) end
    table.insert(questions, {id = qid, options = options, k = tonumber(k)})
  end
  sent, created, refused, no_voter = 0, 0, 0, 0
end

local function pick(q)
  local pool = {(table.unpack or unpack)(q.options)}
  local chosen = {}
  for _ = 1, math.random(q.k) do
    table.insert(chosen, table.remove(pool, math.random(#pool)))
  end
  return table.concat(chosen, ", ")
end

function request()
  sent = sent + 1
  if sent > #tokens then no_voter = no_voter + 1 end  -- out of voters: the rate printed is then a lower bound
  local parts = {}
  for _, q in ipairs(questions) do
    table.insert(parts, '"' .. q.id .. '": [' .. pick(q) .. ']')
  end
  return wrk.format("POST", path, {["Authorization"] = "Token " .. (tokens[sent] or "none-left"),
                                   ["Content-Type"] = "application/json", ["X-Forwarded-Proto"] = "https"},
                    '{"choices": {' .. table.concat(parts, ", ") .. '}}')
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local c, r, u = 0, 0, 0
  for _, t in ipairs(threads) do
    c, r, u = c + t:get("created"), r + t:get("refused"), u + t:get("no_voter")
  end
  io.write(string.format("CASTS created=%d refused=%d no_voter=%d seconds=%.3f p50_ms=%.1f p95_ms=%.1f max_ms=%.1f\n",
    c, r, u,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.max / 1000))
end
