-- wrk script for bench/ingest.sh: every request carries BATCH alerts that no earlier request carried.
--
--   TARGET=firebreak     an Alertmanager webhook (version 4) for POST /api/v1/alerts/alertmanager,
--                        one alert group per request, Bearer TOKEN, a fresh X-Request-ID
--   TARGET=alertmanager  a JSON array of postable alerts for Alertmanager's POST /api/v2/alerts
--
-- Both targets get the same alerts: labels alertname, cluster (one per request, so one group per
-- request) and instance (one per alert). SALT keeps alerts of different runs against the same
-- server distinct. done() prints one line that bench/ingest.sh reads:
--   result requests=N duration_us=N p50_us=N p99_us=N non2xx=N errors=N

local target = os.getenv("TARGET") or "firebreak"
local batch = tonumber(os.getenv("BATCH") or "1")
local salt = tonumber(os.getenv("SALT") or "0")
local token = os.getenv("TOKEN") or ""

local thread_count = 0

function setup(thread)
    thread:set("tid", thread_count)
    thread_count = thread_count + 1
end

function init(args)
    sequence = 0
    alerts_sent = 0
    if target == "firebreak" then
        wrk.path = "/api/v1/alerts/alertmanager"
    else
        wrk.path = "/api/v2/alerts"
    end
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    if token ~= "" then
        wrk.headers["Authorization"] = "Bearer " .. token
    end
end

local function alert_json(cluster, instance, fingerprint, starts_at)
    local labels = '{"alertname":"BenchAlert","cluster":"' .. cluster .. '","instance":"' .. instance ..
        '","severity":"warning"}'
    local annotations = '{"summary":"bench alert ' .. instance .. '"}'
    if target == "firebreak" then
        return '{"status":"firing","labels":' .. labels .. ',"annotations":' .. annotations ..
            ',"startsAt":"' .. starts_at .. '","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://127.0.0.1/graph",' ..
            '"fingerprint":"' .. fingerprint .. '"}'
    end
    return '{"labels":' .. labels .. ',"annotations":' .. annotations .. ',"startsAt":"' .. starts_at ..
        '","generatorURL":"http://127.0.0.1/graph"}'
end

function request()
    sequence = sequence + 1
    local starts_at = os.date("!%Y-%m-%dT%H:%M:%SZ")
    local cluster = string.format("c%d-%d-%d", salt, tid, sequence)
    local alerts = {}
    for i = 1, batch do
        alerts_sent = alerts_sent + 1
        local instance = string.format("%s-%d", cluster, i)
        local fingerprint = string.format("%02x%04x%010x", tid % 256, salt % 65536, alerts_sent)
        alerts[i] = alert_json(cluster, instance, fingerprint, starts_at)
    end
    local list = "[" .. table.concat(alerts, ",") .. "]"
    if target ~= "firebreak" then
        return wrk.format(nil, nil, nil, list)
    end
    local group = '{"alertname":"BenchAlert","cluster":"' .. cluster .. '"}'
    local body = '{"version":"4","groupKey":"{}:{alertname=\\"BenchAlert\\", cluster=\\"' .. cluster ..
        '\\"}","truncatedAlerts":0,"status":"firing","receiver":"firebreak","groupLabels":' .. group ..
        ',"commonLabels":' .. group .. ',"commonAnnotations":{},"externalURL":"http://127.0.0.1:9093",' ..
        '"alerts":' .. list .. '}'
    -- wrk.format uses the given headers instead of wrk.headers, not in addition to them.
    local headers = { ["X-Request-ID"] = string.format("bench-%d-%d-%d", salt, tid, sequence) }
    for name, value in pairs(wrk.headers) do
        headers[name] = value
    end
    return wrk.format(nil, nil, headers, body)
end

function done(summary, latency, requests)
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("result requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d errors=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
        summary.errors.status, errors))
end
