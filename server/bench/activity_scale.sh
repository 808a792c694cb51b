#!/usr/bin/env bash
# The activity log and notifications at scale (issue 18): the `server bench-scale` data holds
# 1,000,000 activity entries in the provider's log and 100,000 unread notifications for it.
# Measures with wrk -t2 -c50, in one run: /healthz, the signed-in Home page (with the bell's
# count), the bell's count alone, the activity log's first page, filtered by kind, by a month,
# and both; then a full CSV export of the log (rows/s, and the server's resident memory before
# and its peak after).
# Usage: server/bench/activity_scale.sh   (needs the release build: `make build`; Debian's wrk)
# CUSTOMERS (ten entries and one notification each) and DURATION change the sizes and runs.
# Prints numbers only; it asserts nothing.
port=${BENCH_PORT:-3205}
. "$(dirname "$0")/common.sh"
echo "== fill"
start=$(date +%s%N)
fill_scale | grep -E "notifications|activity|Made"
echo "== fill took $((($(date +%s%N) - start) / 1000000)) ms; database $(du -m "$dir/bench.db" | cut -f1) MiB"
. "$dir/scale.env"
start_server
cookie=$(session_cookie "$provider_email" "$password")
[ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
# The pages must show what they are measured for.
curl -fsS -H "Cookie: $cookie" "$url/" | grep -q 'Notifications, 9+ unread' || { echo "no bell count"; exit 1; }
kind="license.assigned"
month="from=$activity_from&to=$activity_to"
curl -fsS -H "Cookie: $cookie" "$url/activity?kind=$kind&$month" | grep -q '<td' || { echo "no filtered rows"; exit 1; }
cat > "$dir/unread.lua" <<LUA
wrk.method = "POST"
wrk.headers["Accept"] = "application/json"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
LUA
run "/healthz" "$url/healthz"
run "signed-in Home page GET / (with the bell's count)" -H "Cookie: $cookie" "$url/"
run "the bell's count alone POST /api/unread_notifications" -s "$dir/unread.lua" -H "Cookie: $cookie" "$url/api/unread_notifications"
run "activity log, first page GET /activity" -H "Cookie: $cookie" "$url/activity"
run "filtered by kind GET /activity?kind=$kind" -H "Cookie: $cookie" "$url/activity?kind=$kind"
run "filtered by a month GET /activity?$month" -H "Cookie: $cookie" "$url/activity?$month"
run "kind and month GET /activity?kind=…&$month" -H "Cookie: $cookie" "$url/activity?kind=$kind&$month"
echo "== full CSV export"
rss() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
echo "server resident before: $(rss VmRSS) kB (peak so far $(rss VmHWM) kB)"
start=$(date +%s%N)
curl -fsS -H "Cookie: $cookie" -o "$dir/export.csv" "$url/activity/export.csv"
ms=$((($(date +%s%N) - start) / 1000000))
rows=$(($(wc -l < "$dir/export.csv") - 1))
echo "exported $rows rows ($(du -m "$dir/export.csv" | cut -f1) MiB) in $ms ms: $((rows * 1000 / (ms > 0 ? ms : 1))) rows/s"
echo "server resident after: $(rss VmRSS) kB, peak $(rss VmHWM) kB"
if command -v sqlite3 >/dev/null; then
  echo "== query plans (sqlite3)"
  org=$(sqlite3 "$dir/bench.db" "SELECT organization_id FROM activity_entries LIMIT 1")
  for where in "action = '$kind'" "at >= 1 AND at < 2" "action = '$kind' AND at >= 1 AND at < 2" "subject = 'x'"; do
    echo "-- $where"
    sqlite3 "$dir/bench.db" "EXPLAIN QUERY PLAN SELECT id FROM activity_entries
      WHERE organization_id = '$org' AND $where ORDER BY at DESC, id DESC LIMIT 51"
  done
  echo "-- the bell"
  sqlite3 "$dir/bench.db" "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM (SELECT 1 FROM notifications
    WHERE organization_id = '$org' AND seq > (SELECT notifications_seen FROM users WHERE id = 'x')
    AND kind IN ('a', 'b') LIMIT 100)"
fi
