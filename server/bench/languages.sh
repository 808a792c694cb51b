#!/usr/bin/env bash
# Languages benchmark (issue 17): the signed-in Home page and the Customers page in Russian and in
# English, alternating (en, ru, en, ru) in one run so that drift shows, with wrk -t2 -c50, on the
# demo data (Lena, Global admin of the reseller Fabrikam, who has customers; the language comes
# from the cookie, as after the switch).
# Usage: server/bench/languages.sh   (needs the release build: `make build`; and Debian's wrk)
# Prints numbers only; it asserts nothing.
port=${BENCH_PORT:-3207}
. "$(dirname "$0")/common.sh"
"$bin" demo >/dev/null
start_server
session=$(session_cookie lena@fabrikam-solutions.example tierlink-demo)
[ -n "$session" ] || { echo "sign-in failed"; exit 1; }
curl -fsS -H "Cookie: $session; tierlink_lang=ru" "$url/customers" | grep -q '<html lang="ru"' \
  || { echo "the Russian Customers page did not render"; exit 1; }
for round in 1 2 3; do
  for lang in en ru; do
    run "round $round, $lang: Home GET /" -H "Cookie: $session; tierlink_lang=$lang" "$url/"
    run "round $round, $lang: Customers GET /customers" -H "Cookie: $session; tierlink_lang=$lang" "$url/customers"
  done
done
for lang in en ru; do
  echo "== $lang page sizes: Home $(curl -fsS -H "Cookie: $session; tierlink_lang=$lang" "$url/" | wc -c) B," \
    "Customers $(curl -fsS -H "Cookie: $session; tierlink_lang=$lang" "$url/customers" | wc -c) B raw"
done
