// Structural checks shared by the plot tests: a small XML well-formedness walk (no parser dependency),
// proper escaping, and no non-numbers leaking into the drawing.
import { expect } from "vitest";

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ATTR = /\s+([A-Za-z_][\w.:-]*)="([^"]*)"/y;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

/** Problems found in `svg` as an XML document; empty when it is well-formed. */
export function xmlProblems(svg: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const checkText = (t: string, where: string): void => {
    for (let k = 0; k < t.length; k++) {
      const ch = t[k]!;
      if (ch === "<" || ch === ">") problems.push(`raw ${ch} in ${where}: ${JSON.stringify(t.slice(0, 60))}`);
      if (ch === "&") {
        ENTITY.lastIndex = k;
        if (!ENTITY.test(t)) problems.push(`bare & in ${where}: ${JSON.stringify(t.slice(0, 60))}`);
      }
      const c = t.charCodeAt(k);
      if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) problems.push(`control character ${c} in ${where}`);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = t.charCodeAt(k + 1);
        if (d >= 0xdc00 && d <= 0xdfff) k++;
        else problems.push(`lone surrogate in ${where}`);
      } else if (c >= 0xdc00 && c <= 0xdfff) problems.push(`lone surrogate in ${where}`);
    }
  };
  while (i < svg.length) {
    const lt = svg.indexOf("<", i);
    const textPart = svg.slice(i, lt === -1 ? svg.length : lt);
    if (stack.length === 0 && textPart.trim() !== "") problems.push(`text outside the root: ${JSON.stringify(textPart.slice(0, 40))}`);
    checkText(textPart, stack.length ? `<${stack[stack.length - 1]}>` : "document");
    if (lt === -1) break;
    const gt = svg.indexOf(">", lt);
    if (gt === -1) {
      problems.push("unterminated tag");
      break;
    }
    const tag = svg.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? "nothing"}>`);
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const inner = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^[^\s/>]+/.exec(inner);
    const name = m ? m[0] : "";
    if (!NAME.test(name)) problems.push(`bad tag name ${JSON.stringify(name)}`);
    // attributes: name="value" pairs, nothing else, no duplicates, values escaped
    let pos = name.length;
    const seen = new Set<string>();
    while (pos < inner.length) {
      if (inner.slice(pos).trim() === "") break;
      ATTR.lastIndex = pos;
      const a = ATTR.exec(inner);
      if (!a) {
        problems.push(`bad attribute syntax in <${name}>: ${JSON.stringify(inner.slice(pos, pos + 40))}`);
        break;
      }
      if (seen.has(a[1]!)) problems.push(`duplicate attribute ${a[1]} in <${name}>`);
      seen.add(a[1]!);
      checkText(a[2]!, `${name}@${a[1]}`);
      pos = ATTR.lastIndex;
    }
    if (stack.length === 0) roots++;
    if (!selfClosing) stack.push(name);
    else if (stack.length === 0 && roots > 1) problems.push("more than one root element");
  }
  if (stack.length) problems.push(`unclosed <${stack.join("> <")}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** Asserts the things every chart must satisfy. */
export function expectValidSvg(svg: string): void {
  expect(xmlProblems(svg)).toEqual([]);
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ')).toBe(true);
  expect(svg).toMatch(/ role="img"/);
  expect(svg).toMatch(/<title id="[\w-]+-title">[^<]*<\/title>/);
  expect(svg).toMatch(/<desc id="[\w-]+-desc">[^<]+<\/desc>/);
  expect(svg).not.toMatch(/NaN|Infinity|undefined|\[object /);
  // every number in attributes is a plain decimal (no exponent notation, no -0)
  for (const m of svg.matchAll(/ (?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"/g)) {
    expect(m[1], `attribute value ${m[0]}`).toMatch(/^-?\d+(?:\.\d+)?$/);
    expect(m[1]).not.toBe("-0");
  }
}

/** The text content of every <text> element, unescaped. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&"),
  );
}
