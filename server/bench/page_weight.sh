#!/usr/bin/env bash
# What each page people wait for makes the browser download before it answers (issue 19): the
# brotli bytes of wasm and JS transferred until the page is hydrated, on a first visit with nothing
# cached, for the invitation page (signed out), sign-in, and a partner's Home, Customers and New
# customer (signed in); then every built wasm and JS file together (all chunks), as served.
# Drives Debian's Chromium with end2end's Playwright. Prints numbers only; it asserts nothing.
# Usage: server/bench/page_weight.sh   (needs the release build: `make build`)
port=${BENCH_PORT:-3207}
. "$(dirname "$0")/common.sh"
"$bin" demo >/dev/null
start_server
lena=$(session_cookie lena@fabrikam-solutions.example tierlink-demo)
[ -n "$lena" ] || { echo "sign-in failed"; exit 1; }
link=$(invitation_link "$lena")
[ -n "$link" ] || { echo "no invitation link"; exit 1; }

NODE_PATH=end2end/node_modules node - "$url" "$link" "${lena#*=}" <<'JS'
const { chromium } = require("@playwright/test");
const [url, link, session] = process.argv.slice(2);
const pages = [
  ["invitation", link, false],
  ["sign-in", `${url}/sign-in`, false],
  ["Home", `${url}/`, true],
  ["Customers", `${url}/customers`, true],
  ["New customer", `${url}/customers/new`, true],
];
(async () => {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  for (const [name, address, signedIn] of pages) {
    const context = await browser.newContext();
    if (signedIn) {
      await context.addCookies([{ name: "tierlink_session", value: session, url }]);
    }
    const page = await context.newPage();
    const files = [];
    page.on("requestfinished", async (req) => {
      const path = new URL(req.url()).pathname;
      if (!/\.(wasm|js)$/.test(path)) return;
      const sizes = await req.sizes();
      const res = await req.response();
      files.push({ path, bytes: sizes.responseBodySize, encoding: (await res.allHeaders())["content-encoding"] });
    });
    await page.goto(address);
    await page.waitForFunction(() => document.body?.dataset.hydrated === "true", undefined, { timeout: 30_000 });
    await page.waitForTimeout(300);
    const total = files.reduce((s, f) => s + f.bytes, 0);
    const wasm = files.filter((f) => f.path.endsWith(".wasm"));
    const plain = files.filter((f) => f.encoding !== "br").map((f) => f.path);
    console.log(
      `${name.padEnd(13)} ${(total / 1024).toFixed(1).padStart(6)} KiB brotli (${wasm.length} wasm files, ` +
        `${files.length - wasm.length} JS)${plain.length ? `; not brotli: ${plain.join(", ")}` : ""}`,
    );
    await context.close();
  }
  await browser.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
JS

# Every wasm and JS file the build made, as its precompressed brotli copy.
total=0 n=0
for f in target/site/pkg/*.wasm.br target/site/pkg/*.js.br; do
  [ -e "$f" ] || continue
  total=$((total + $(stat -c %s "$f"))) n=$((n + 1))
done
awk -v t="$total" -v n="$n" 'BEGIN { printf "all files     %6.1f KiB brotli (%d wasm and JS files)\n", t / 1024, n }'
