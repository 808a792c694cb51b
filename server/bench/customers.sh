#!/usr/bin/env bash
# Customer relationships benchmark (issue 4), on the demo data: a partner's Customers page and its
# list call, a customer's Partners page, and the page a customer request's link opens, next to
# /healthz in the same run, with wrk -t2 -c50.
# Usage: server/bench/customers.sh   (needs the release build: `make build`; and Debian's wrk)
# Prints numbers only; it asserts nothing.
port=${BENCH_PORT:-3202}
. "$(dirname "$0")/common.sh"
link=$("$bin" demo | grep -A1 'for a new customer' | tail -1 | tr -d ' ')
start_server
sign_in() { session_cookie "$1" tierlink-demo; }
partner=$(sign_in lena@fabrikam-solutions.example)
customer=$(sign_in eszter@adatum.example)
[ -n "$partner" ] && [ -n "$customer" ] || { echo "sign-in failed"; exit 1; }
curl -fsS -H "Cookie: $partner" "$url/customers" | grep -q "Adatum Kft." || { echo "Customers did not render"; exit 1; }
curl -fsS -H "Cookie: $customer" "$url/partners" | grep -q "Fabrikam Solutions GmbH" || { echo "Partners did not render"; exit 1; }
cat > "$dir/list.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "search="
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
LUA
run "/healthz" "$url/healthz"
run "partner's Customers page GET /customers" -H "Cookie: $partner" "$url/customers"
run "partner's list call POST /api/list_customers" -s "$dir/list.lua" -H "Cookie: $partner" "$url/api/list_customers"
run "customer's Partners page GET /partners" -H "Cookie: $customer" "$url/partners"
run "a customer request's link GET /invite/<token> (signed out)" "$link"
