// Every relative link in README.md and docs/**/*.md points at a file that exists, and every `#anchor` at a
// heading of the target page (GitHub's slugs), so the docs cannot point at moved or renamed things.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === "api" ? [] : markdownFiles(p); // docs/api is generated
    return f.endsWith(".md") ? [p] : [];
  });
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  const text = markdown.replace(/^```[\s\S]*?^```/gm, "");
  for (const m of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]!
      .replace(/`/g, "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Links and image sources outside code: `[text](target)`, `![alt](target)`, `<img src="target">`. */
function links(markdown: string): string[] {
  const text = markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
  const out = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  for (const m of text.matchAll(/<img[^>]+src="([^"]+)"/g)) out.push(m[1]!);
  return out;
}

const files = [join(ROOT, "README.md"), join(ROOT, "CHANGELOG.md"), ...markdownFiles(join(ROOT, "docs"))].filter(existsSync);

describe("relative links in the docs", () => {
  it("finds the README and the guide", () => {
    expect(files.map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(["README.md", "docs/guide/README.md"]));
  });

  it("computes GitHub's anchors", () => {
    expect([...anchors("# Pictures\n## CLV, validated on a holdout\n## `npm run images`\n## Pictures\n")]).toEqual([
      "pictures",
      "clv-validated-on-a-holdout",
      "npm-run-images",
      "pictures-1",
    ]);
  });

  it.each(files.map((f) => [relative(ROOT, f), f] as const))("%s: every relative link and anchor resolves", (_name, file) => {
    const broken: string[] = [];
    const source = readFileSync(file, "utf8");
    for (const link of links(source)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith("//")) continue; // absolute URL, mailto:
      const [path, anchor] = link.split("#") as [string, string | undefined];
      const target = path === "" ? file : join(dirname(file), decodeURIComponent(path));
      if (!target.startsWith(ROOT) || !existsSync(target)) {
        broken.push(`${link} (no such file)`);
        continue;
      }
      if (anchor !== undefined && target.endsWith(".md") && !anchors(readFileSync(target, "utf8")).has(anchor)) {
        broken.push(`${link} (no heading #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });
});
