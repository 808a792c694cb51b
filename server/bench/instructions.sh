#!/usr/bin/env bash
# User-space instructions per request, counted by callgrind: repeatable to about 1% whatever
# else the machine does, where wrk's requests/s move by ±20–40% on a shared VM. Use it to judge a
# change; use customers_scale.sh for the rates the issue asks for.
# Fills the customers-at-scale database (`server bench-scale`), starts the release server under
# `valgrind --tool=callgrind`, signs in as the provider, sends 10 warm-up requests, zeroes the
# counters, sends N more (one at a time) and prints the count divided by N.
# Usage: server/bench/instructions.sh [N]   (needs `make build`, Debian's valgrind and curl)
# WHAT picks the requests (default: all): health home first filtered deep name json record unread
# attention.
# BENCH_LANG (en, tr, hu, ru) picks the pages' language.
# Prints numbers only; it asserts nothing.
port=${BENCH_PORT:-3204}
. "$(dirname "$0")/common.sh"
n=${1:-100}
fill_scale >/dev/null
. "$dir/scale.env"
valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind.%p" "$bin" serve \
  >"$dir/valgrind.log" 2>&1 &
pid=$!
for _ in $(seq 150); do curl -fsS "$url/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
cookie=$(session_cookie "$provider_email" "$password")
[ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
# BENCH_LANG=ru renders the pages in that language (as the language switch's cookie does).
[ -n "${BENCH_LANG:-}" ] && cookie="$cookie; tierlink_lang=$BENCH_LANG"
api=(-X POST -H 'Accept: application/json' -H 'Sec-Fetch-Site: same-origin' -H "Cookie: $cookie")
request() {
  case $1 in
    health) curl -fsS -o /dev/null "$url/healthz" ;;
    home) curl -fsS -o /dev/null -H "Cookie: $cookie" "$url/" ;;
    first) curl -fsS -o /dev/null -H "Cookie: $cookie" "$url/customers" ;;
    filtered) curl -fsS -o /dev/null -H "Cookie: $cookie" "$url/customers?reseller=$reseller_mpn" ;;
    deep) curl -fsS -o /dev/null -H "Cookie: $cookie" "$url/customers?after=$deep_cursor" ;;
    name) curl -fsS -o /dev/null -H "Cookie: $cookie" "$url/customers?sort=name" ;;
    json) curl -fsS -o /dev/null "${api[@]}" "$url/api/list_customers" ;;
    record) curl -fsS -o /dev/null "${api[@]}" --data "customer_id=$record_customer" "$url/api/customer_record" ;;
    # The bell's count alone (100,000 unread notifications in the bench data; counted to 100).
    unread) curl -fsS -o /dev/null "${api[@]}" "$url/api/unread_notifications" ;;
    # Home's attention counts alone (capped at 100 each; the provider has 100,000 customers).
    attention) curl -fsS -o /dev/null "${api[@]}" "$url/api/load_home" ;;
  esac
}
for what in ${WHAT:-health home first filtered deep name json record unread attention}; do
  for _ in $(seq 10); do request "$what"; done
  callgrind_control -z "$pid" >/dev/null 2>&1
  for _ in $(seq "$n"); do request "$what"; done
  rm -f "$dir"/callgrind.*.[0-9]*
  callgrind_control -d "$pid" >/dev/null 2>&1
  total=$(grep -h '^summary:' "$dir"/callgrind.*.[0-9]* | awk '{s += $2} END {print s}')
  printf '%-9s %12d instructions/request (%d requests)\n' "$what" $((total / n)) "$n"
  # KEEP_PROFILE=folder keeps each request kind's profile for callgrind_annotate.
  if [ -n "${KEEP_PROFILE:-}" ]; then
    mkdir -p "$KEEP_PROFILE" && cp "$dir"/callgrind.*.[0-9]* "$KEEP_PROFILE/$what.out"
  fi
done
