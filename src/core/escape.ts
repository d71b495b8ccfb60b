/**
 * What we print is safe: text from input files (names, ids, fields, file
 * names) may hold control characters (an ANSI escape sequence would drive the
 * terminal) or invisible ones (a zero-width space makes "date" and "da​te" look
 * alike). Every renderer of messages and tables passes such text through this
 * one function, which shows them escaped: `\x1b`, `\u200b`.
 * JSON and CSV outputs are data and keep the text as it is (JSON escapes
 * control characters itself). Pure: the core builds messages with the input's
 * text as it is, and renderers escape them once, when they become output.
 */

/**
 * Control characters (C0, DEL, C1), format characters (zero-width space and
 * joiners, bidirectional overrides, the BOM, soft hyphen…), line and paragraph
 * separators, spaces other than U+0020, private-use characters and lone
 * surrogates.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u115f\u1160\u3164\uffa0\u2800]/gu;

function escapeOne(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\u{${code.toString(16)}}`;
}

/** `text` with every unsafe character shown as an escape; the same text when there is none (the common case, without a copy). */
export function escapeText(text: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, escapeOne) : text;
}

/** `text` without the characters `escapeText` would show escaped: what a person sees of it. */
export function visiblePart(text: string): string {
  return text.replace(UNSAFE, "");
}
