// Writes a brotli (.br) and a gzip (.gz) copy beside each built wasm, JS and CSS file under
// target/site/pkg (and the API reference's Swagger UI under target/site/api-docs), at each
// format's best level, once per build: the server sends these as they
// are (see server/src/http/assets.rs) instead of compressing on every request.
//
//   node scripts/precompress.mjs [site-root]    (default target/site)
import { existsSync, readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const site = process.argv[2] ?? "target/site";
const pkg = join(site, "pkg");
const worth = /\.(wasm|js|css)$/;
let total = 0;
function compress(dir) {
  let sum = 0;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (!worth.test(name) || !statSync(file).isFile()) continue;
    const raw = readFileSync(file);
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [constants.BROTLI_PARAM_MODE]: name.endsWith(".wasm")
          ? constants.BROTLI_MODE_GENERIC
          : constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = gzipSync(raw, { level: 9 });
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gz);
    sum += br.length;
    console.log(`${name}: ${raw.length} bytes, brotli ${br.length}, gzip ${gz.length}`);
  }
  return sum;
}
total = compress(pkg);
const docs = join(site, "api-docs");
if (existsSync(docs)) compress(docs);
if (total === 0) {
  console.error(`nothing to compress in ${pkg}: build first (cargo leptos build --release)`);
  process.exit(1);
}
