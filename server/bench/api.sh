#!/usr/bin/env bash
# The public API at scale (issue 22): on the customers-at-scale data (server/bench/common.sh's
# fill_scale: 1,000 resellers, 100,000 customers, 1,000,000 subscriptions), the provider's
# GET /api/v1/customers (first page, filtered by a reseller, 80% deep) with an API token, next
# to /healthz and to the same list through the page's server function with a session
# (POST /api/list_customers: the same service call behind a session check instead of a token
# check), all with wrk -t2 -c50 in one run.
# Usage: server/bench/api.sh   (needs the release build and Debian's wrk; sizes as in
# customers_scale.sh). Prints numbers only; it asserts nothing.
port=${BENCH_PORT:-3204}
. "$(dirname "$0")/common.sh"
export TIERLINK_API_MAX_PER_MINUTE=1000000000
echo "== fill"
fill_scale > /dev/null
. "$dir/scale.env"
start_server
cookie=$(session_cookie "$provider_email" "$password")
[ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
secret=$(curl -fsS -X POST "$url/api/create_api_token" -H 'Accept: application/json' \
  -H 'Sec-Fetch-Site: same-origin' -H "Cookie: $cookie" \
  --data 'name=bench&roles%5Bglobal_admin%5D=on' \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).secret))')
[ -n "$secret" ] || { echo "no API token"; exit 1; }
auth=(-H "Authorization: Bearer $secret")
# check PATH NAME: the API's answer names that customer.
check() {
  curl -fsS "${auth[@]}" "$url$1" | grep -qF "$2" || { echo "$1 did not show $2"; exit 1; }
}
check "/api/v1/customers" "$first_name"
check "/api/v1/customers?reseller=$reseller_mpn" "$filtered_name"
check "/api/v1/customers?after=$deep_cursor" "$deep_name"
curl -fsS -X POST "$url/api/list_customers" -H 'Accept: application/json' -H 'Sec-Fetch-Site: same-origin' \
  -H "Cookie: $cookie" --data '' | grep -qF "$first_name" || { echo "list_customers did not show $first_name"; exit 1; }
cat > "$dir/list.lua" <<LUA
wrk.method = "POST"
wrk.body = ""
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
LUA
run "/healthz" "$url/healthz"
run "API first page GET /api/v1/customers" "${auth[@]}" "$url/api/v1/customers"
run "API filtered by a reseller GET /api/v1/customers?reseller=<MPN ID>" "${auth[@]}" "$url/api/v1/customers?reseller=$reseller_mpn"
run "API deep page ($deep_position rows in) GET /api/v1/customers?after=<id>" "${auth[@]}" "$url/api/v1/customers?after=$deep_cursor"
run "the page's server function, first page, POST /api/list_customers (session)" -s "$dir/list.lua" -H "Cookie: $cookie" "$url/api/list_customers"
run "a refused call: GET /api/v1/customers with an unknown token" -H "Authorization: Bearer tl_unknown" "$url/api/v1/customers"
