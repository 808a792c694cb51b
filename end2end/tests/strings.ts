// The interface's strings, read from the Rust tables the pages use (app/src/i18n/<lang>.rs and
// <lang>_sales.rs), so that tests click the same words a person sees in that language.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type Lang = "en" | "tr" | "hu" | "ru";
export type Strings = Record<string, string>;

const I18N = join(__dirname, "..", "..", "app", "src", "i18n");

function unescape(raw: string): string {
  return JSON.parse(`"${raw.replace(/\\u\{([0-9a-fA-F]+)\}/g, (_, h) => `\\u${h.padStart(4, "0")}`)}"`);
}

/** `key` → text for plain fields, `key.one` / `key.other`… for plural forms; `sales.key` for the
 *  sales table. Lists and the activity table are left out. */
function parse(src: string, prefix: string): Strings {
  const out: Strings = {};
  const field = /^ {4}(\w+):\s*(?:\n\s*)?"((?:[^"\\]|\\.)*)",$/gm;
  for (const m of src.matchAll(field)) out[prefix + m[1]] = unescape(m[2]);
  const plural = /^ {4}(\w+): Plural \{([\s\S]*?)\n {4}\},$/gm;
  for (const m of src.matchAll(plural)) {
    for (const f of m[2].matchAll(/(one|few|many|other):\s*(?:\n\s*)?"((?:[^"\\]|\\.)*)"/g)) {
      out[`${prefix}${m[1]}.${f[1]}`] = unescape(f[2]);
    }
  }
  return out;
}

const cache = new Map<Lang, Strings>();

export function strings(lang: Lang): Strings {
  let s = cache.get(lang);
  if (!s) {
    s = {
      ...parse(readFileSync(join(I18N, `${lang}.rs`), "utf8"), ""),
      ...parse(readFileSync(join(I18N, `${lang}_sales.rs`), "utf8"), "sales."),
    };
    cache.set(lang, new Proxy(s, {
      get(target, key) {
        if (typeof key !== "string") return undefined;
        if (!(key in target)) throw new Error(`no string ${key} in ${lang}`);
        return target[key];
      },
    }));
    s = cache.get(lang)!;
  }
  return s;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  // As the app fills names (`i18n::Fill`: {name}, {org}, {second}, and the draft emails'
  // {provider} and {partner}): a name ending with "." takes the sentence's full stop. Other
  // placeholders are plain replacements.
  const names = new Set(["name", "org", "second", "provider", "partner"]);
  return template.replace(/\{(\w+)\}(\.(?!\.))?/g, (m, k, stop) => {
    const v = values[k];
    if (v === undefined) return m;
    return names.has(k) && v.endsWith(".") ? v : v + (stop ?? "");
  });
}

/** The English texts that a page in `lang` must not show: those the language words differently
 *  (a term both share, such as "MPN ID", is no leak), and that are not mere placeholders. */
export function englishOnly(lang: Lang): string[] {
  const en = strings("en");
  const xx = strings(lang);
  return Object.keys(en)
    .filter((k) => en[k] !== xx[k] && !/\{\w+\}/.test(en[k]) && /[A-Za-z]{3}/.test(en[k]))
    .map((k) => en[k]);
}
