#!/usr/bin/env bash
# Customers at scale: one indirect provider with 1,000 resellers, 100,000 customers and 1,000,000
# subscriptions made by `server bench-scale`. Measures the provider's Customers page (first page,
# filtered by a reseller, a page 80% deep, sorted by name) and a customer's expanded record, next
# to /healthz and the signed-in Home page in the same run, with wrk -t2 -c50.
# Usage: server/bench/customers_scale.sh   (needs the release build: `make build`; and Debian's wrk)
# RESELLERS, CUSTOMERS and SUBSCRIPTIONS change the sizes, DURATION each wrk run's length.
# Prints numbers only; it asserts nothing.
port=${BENCH_PORT:-3203}
. "$(dirname "$0")/common.sh"
echo "== fill"
start=$(date +%s%N)
fill_scale
size() { if [ -f "$dir/bench.db" ]; then du -m "$dir/bench.db" | cut -f1; else psql -XAtc "SELECT pg_database_size(current_database()) / 1048576" "$TIERLINK_DATABASE_URL"; fi; }
echo "== fill took $((($(date +%s%N) - start) / 1000000)) ms with start-up and migrations; database $(size) MiB"
# provider_email, password, reseller_mpn, deep_cursor, record_customer and the names to look for.
. "$dir/scale.env"
start_server
cookie=$(session_cookie "$provider_email" "$password")
[ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
# check PATH NAME [CURL-ARGS…]: the response names that customer.
check() {
  local path=$1 name=$2; shift 2
  curl -fsS -H "Cookie: $cookie" "$@" "$url$path" | grep -qF "$name" || { echo "$path did not show $name"; exit 1; }
}
check "/customers" "$first_name"
check "/customers?reseller=$reseller_mpn" "$filtered_name"
check "/customers?after=$deep_cursor" "$deep_name"
check "/customers?sort=name" "$by_name_first"
record_headers=(-H 'Content-Type: application/x-www-form-urlencoded' -H 'Accept: application/json' -H 'Sec-Fetch-Site: same-origin')
check "/api/customer_record" "$record_name" "${record_headers[@]}" --data "customer_id=$record_customer"
cat > "$dir/record.lua" <<LUA
wrk.method = "POST"
wrk.body = "customer_id=$record_customer"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
LUA
run "/healthz" "$url/healthz"
# The signed-in Home page: the same shell, session and hydration with next to no content, i.e.
# what any signed-in page of this stack costs before its own data.
run "signed-in Home page GET /" -H "Cookie: $cookie" "$url/"
run "first page GET /customers" -H "Cookie: $cookie" "$url/customers"
run "filtered by a reseller GET /customers?reseller=<MPN ID>" -H "Cookie: $cookie" "$url/customers?reseller=$reseller_mpn"
run "deep page ($deep_position rows in) GET /customers?after=<id>" -H "Cookie: $cookie" "$url/customers?after=$deep_cursor"
run "by name GET /customers?sort=name" -H "Cookie: $cookie" "$url/customers?sort=name"
run "expanded record POST /api/customer_record" -s "$dir/record.lua" -H "Cookie: $cookie" "$url/api/customer_record"
