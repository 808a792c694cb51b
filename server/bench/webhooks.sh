#!/usr/bin/env bash
# Webhook deliveries (issue 22): a provider's endpoint on a local receiver (Node's http, answering
# 200 at once), then (1) the delay from a change to its delivery when events come one at a time,
# and (2) a burst: "Send test event" posted with wrk -t2 -c50 for $DURATION (each call one
# committed change with its outbox row), the deliveries per second the receiver saw while the
# queue drained, and the delays in the burst. Delay: the receiver's arrival time minus the
# event's `timestamp` (stamped in the change's transaction). One machine, one clock.
# Usage: server/bench/webhooks.sh   (needs the release build, Node and Debian's wrk). Prints
# numbers only; it asserts nothing.
port=${BENCH_PORT:-3205}
hook_port=${BENCH_HOOK_PORT:-3206}
. "$(dirname "$0")/common.sh"
export TIERLINK_WEBHOOKS_ALLOW_LOOPBACK=true
cat > "$dir/receiver.js" <<'JS'
// Counts deliveries; on GET /stats answers count, span and delay percentiles, and resets.
const http = require("http");
let delays = [], first = 0, last = 0;
http.createServer((req, res) => {
  if (req.method === "GET") {
    const d = [...delays].sort((a, b) => a - b);
    const p = (q) => (d.length ? d[Math.min(d.length - 1, Math.floor(q * d.length))] : 0);
    res.end(JSON.stringify({ count: d.length, span_ms: last - first, p50: p(0.5), p99: p(0.99), max: d[d.length - 1] || 0 }));
    delays = []; first = 0; last = 0;
    return;
  }
  let body = "";
  req.on("data", (c) => (body += c)).on("end", () => {
    const now = Date.now();
    delays.push(now - Date.parse(JSON.parse(body).timestamp));
    if (!first) first = now;
    last = now;
    res.end();
  });
}).listen(Number(process.argv[2]), "127.0.0.1");
JS
node "$dir/receiver.js" "$hook_port" & receiver=$!
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; kill $receiver 2>/dev/null; rm -rf "$dir"' EXIT
start_server
h=(-H 'Accept: application/json' -H 'Sec-Fetch-Site: same-origin')
cookie=$(curl -fsS -o /dev/null -D - -X POST "$url/api/enroll" "${h[@]}" \
  --data 'form%5Bkind%5D=provider&form%5Blegal_name%5D=Contoso+Kft.&form%5Bcountry%5D=HU&form%5Bcloud%5D=public&form%5Bmpn_id%5D=9100002&form%5Bname%5D=Anna&form%5Bemail%5D=anna%40contoso.example&form%5Bpassword%5D=a+long+password&form%5Btime_zone%5D=Europe%2FBudapest' \
  | grep -i '^set-cookie: tierlink_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]+);.*/\1/')
[ -n "$cookie" ] || { echo "enrolling failed"; exit 1; }
# ENDPOINTS (1 by default): endpoints on the receiver that the burst's events are spread over
# (one endpoint has at most deliver::PER_ENDPOINT deliveries in flight).
ids=()
for _ in $(seq "${ENDPOINTS:-1}"); do
  ids+=("$(curl -fsS -X POST "$url/api/create_webhook" "${h[@]}" -H "Cookie: $cookie" \
    --data "url=http%3A%2F%2F127.0.0.1%3A$hook_port%2Fhook&events%5Bcustomer_created%5D=on" \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).id))')")
done
id=${ids[0]}
[ -n "$id" ] || { echo "no endpoint"; exit 1; }
stats() { curl -fsS "http://127.0.0.1:$hook_port/stats"; echo; }
# wait_for N: until the receiver has N deliveries (at most a minute).
wait_for() { for _ in $(seq 600); do
  n=$(sqlite3 "$dir/bench.db" "SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'delivered'")
  [ "$n" -ge "$1" ] && return; sleep 0.1; done; echo "only $n of $1 delivered"; }
echo "== one at a time: 200 test events, 20 ms apart"
for _ in $(seq 200); do
  curl -fsS -o /dev/null -X POST "$url/api/send_test_webhook" "${h[@]}" -H "Cookie: $cookie" --data "id=$id"
  sleep 0.02
done
wait_for 200
stats
cat > "$dir/test.lua" <<LUA
wrk.method = "POST"
local ids = {$(printf '"%s",' "${ids[@]}")}
local i = 0
request = function()
  i = i % #ids + 1
  return wrk.format(nil, nil, nil, "id=" .. ids[i])
end
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
wrk.headers["Cookie"] = "$cookie"
LUA
events=$(run "a burst: POST /api/send_test_webhook (each a committed change)" -s "$dir/test.lua" "$url/api/send_test_webhook" | tee /dev/stderr | awk '/Requests\/sec/ {print $2}')
sleep 1  # calls still in flight when wrk stopped
total=$(sqlite3 "$dir/bench.db" "SELECT COUNT(*) FROM webhook_deliveries")
wait_for "$total"
echo "== the burst's deliveries ($total in all, $events events/s made, ${ENDPOINTS:-1} endpoint(s)): count, span from first to last arrival, delays in ms"
stats | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(JSON.stringify(j));console.log("deliveries per second while draining: "+(j.count/(j.span_ms/1000)).toFixed(0))})'
