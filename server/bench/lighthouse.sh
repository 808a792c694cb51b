#!/usr/bin/env bash
# Lighthouse on the pages people wait for (issue 19): an invitation link as its customer opens it
# (signed out), the sign-in page, and a partner's Customers page (signed in, the session cookie
# passed as a header), with Lighthouse's default mobile profile (simulated slow 4G and a 4× slower
# CPU). Prints, per page: Performance, Accessibility, Best Practices, LCP, TBT, CLS and the bytes
# transferred. Runs npm's `lighthouse` (fetched by npx on first use) against Debian's Chromium.
# Usage: server/bench/lighthouse.sh   (needs the release build: `make build`; Node.js, Chromium)
# RUNS (default 3) runs each page that many times and prints the median run's figures.
# Prints numbers only; it asserts nothing.
port=${BENCH_PORT:-3206}
. "$(dirname "$0")/common.sh"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
lighthouse=(npx --yes lighthouse@13.5.0)
"$bin" demo >/dev/null
start_server
lena=$(session_cookie lena@fabrikam-solutions.example tierlink-demo)
[ -n "$lena" ] || { echo "sign-in failed"; exit 1; }
link=$(invitation_link "$lena")
path=${link#*://*/}
[ -n "$path" ] || { echo "no invitation link"; exit 1; }
anna=$(session_cookie anna@contoso-distribution.example tierlink-demo)

# audit NAME URL [COOKIE]: RUNS runs, the median by Performance score.
audit() {
  local name=$1 page=$2 cookie=${3:-} runs=${RUNS:-3} i
  local extra=()
  [ -n "$cookie" ] && extra=(--extra-headers "{\"Cookie\": \"$cookie\"}")
  for i in $(seq "$runs"); do
    "${lighthouse[@]}" "$page" --quiet --output=json --output-path="$dir/$name.$i.json" \
      --only-categories=performance,accessibility,best-practices \
      --chrome-flags="--headless=new --no-sandbox" "${extra[@]}" >/dev/null 2>&1 \
      || { echo "lighthouse failed on $name"; return 1; }
  done
  node - "$name" "$dir" "$runs" <<'JS'
const [name, dir, runs] = process.argv.slice(2);
const fs = require("fs");
const reports = [];
for (let i = 1; i <= Number(runs); i++) reports.push(JSON.parse(fs.readFileSync(`${dir}/${name}.${i}.json`)));
reports.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
const r = reports[Math.floor(reports.length / 2)];
const a = r.audits;
const score = (c) => Math.round(r.categories[c].score * 100);
console.log(
  `${name.padEnd(12)} Performance ${score("performance")}  Accessibility ${score("accessibility")}  ` +
    `Best Practices ${score("best-practices")}  LCP ${(a["largest-contentful-paint"].numericValue / 1000).toFixed(2)} s  ` +
    `TBT ${Math.round(a["total-blocking-time"].numericValue)} ms  CLS ${a["cumulative-layout-shift"].numericValue.toFixed(3)}  ` +
    `transferred ${Math.round(a["total-byte-weight"].numericValue / 1024)} KiB  ` +
    `(median of ${runs}; scores of all runs: ${reports.map((x) => Math.round(x.categories.performance.score * 100)).join(", ")})`,
);
JS
}
audit invitation "$url/$path"
audit sign-in "$url/sign-in"
audit customers "$url/customers" "$anna"
