/**
 * How wide text is on a terminal, and text wrapped to a width. Used to fit
 * tables to the terminal (render/grid.ts); never on text with colour codes
 * (colour is applied after the layout). Text reaching here was made safe by
 * escapeText (no control or invisible characters).
 *
 * The widths follow string-width 4 (what cli-table3, which draws our boxes,
 * measures with): East Asian wide and fullwidth characters and emoji take two
 * columns, combining marks none, everything else one. Were the two to
 * disagree on some rare character, the box would still be drawn whole
 * (cli-table3 sizes the columns from the cells it is given), only a column
 * wider than planned.
 */

const COMBINING = /\p{M}/u;
const EMOJI = /\p{Extended_Pictographic}/u;

function isWide(code: number): boolean {
  return (
    code >= 0x1100 &&
    (code <= 0x115f ||
      code === 0x2329 ||
      code === 0x232a ||
      (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) ||
      (code >= 0x3250 && code <= 0x4dbf) ||
      (code >= 0x4e00 && code <= 0xa4c6) ||
      (code >= 0xa960 && code <= 0xa97c) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe10 && code <= 0xfe19) ||
      (code >= 0xfe30 && code <= 0xfe6b) ||
      (code >= 0xff01 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1b000 && code <= 0x1b001) ||
      (code >= 0x1f200 && code <= 0x1f251) ||
      (code >= 0x20000 && code <= 0x3fffd))
  );
}

/** Columns one character takes. */
function charWidth(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 0x7f) return code < 0x20 ? 0 : 1;
  if (COMBINING.test(ch)) return 0;
  if (isWide(code) || (code >= 0x1f000 && EMOJI.test(ch))) return 2;
  return 1;
}

/** Columns a line of text takes on a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x7f || c < 0x20) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text.length;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** The widest line of a possibly multi-line text. */
export function blockWidth(text: string): number {
  let max = 0;
  for (const line of text.split("\n")) max = Math.max(max, displayWidth(line));
  return max;
}

/** The widest word (run without a space) of a text: what a column needs to wrap it only at spaces. */
export function longestWord(text: string): number {
  let max = 0;
  for (const word of text.split(/[ \n]+/)) max = Math.max(max, displayWidth(word));
  return max;
}

/** Where a word too long for its line is best broken: after one of these. */
const BREAK_AFTER = new Set(["-", "_", "/", ".", ",", ":", ";", ")"]);

/** A word wider than `width` in pieces of at most `width` columns, broken after punctuation where it can be. */
function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let chars = [...word];
  while (chars.length > 0) {
    let used = 0;
    let fit = 0;
    while (fit < chars.length && used + charWidth(chars[fit]!) <= width) used += charWidth(chars[fit++]!);
    if (fit === chars.length) {
      pieces.push(chars.join(""));
      break;
    }
    if (fit === 0) fit = 1; // a wide character in a one-column width: it overflows rather than loops
    let cut = fit;
    // Break after the last punctuation in the piece, unless that leaves a sliver of it.
    for (let i = fit - 1; i >= 2; i--) {
      if (BREAK_AFTER.has(chars[i]!)) {
        cut = i + 1;
        break;
      }
    }
    pieces.push(chars.slice(0, cut).join(""));
    chars = chars.slice(cut);
  }
  return pieces;
}

/**
 * `text` wrapped to lines of at most `width` columns: at spaces, and a word
 * longer than a line broken (after punctuation where it can be). The text's
 * own line breaks stay. Spaces at the ends of lines are dropped. With
 * `hang`, the lines a long line is wrapped into are indented by that much
 * under its first, so that the text's own lines stand out.
 */
export function wrapText(text: string, width: number, hang = 0): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (displayWidth(line) <= width) {
      out.push(line);
      continue;
    }
    // The first line full width, the rest indented by `hang` under it (when that leaves room).
    const indent = hang > 0 && width - hang >= 6 ? " ".repeat(hang) : "";
    const lines = wrapLine(line, Math.max(1, width), Math.max(1, width - indent.length));
    out.push(lines[0]!, ...lines.slice(1).map((l) => indent + l));
  }
  return out;
}

/** One line wrapped greedily: the first piece at most `first` columns, the others `rest`. */
function wrapLine(line: string, first: number, rest: number): string[] {
  const out: string[] = [];
  const room = () => (out.length === 0 ? first : rest);
  let current = "";
  let currentWidth = 0;
  for (const word of line.split(" ")) {
    if (word === "") continue;
    const ww = displayWidth(word);
    if (current !== "" && currentWidth + 1 + ww <= room()) {
      current += " " + word;
      currentWidth += 1 + ww;
      continue;
    }
    let left = word;
    // A word longer than any line starts on this one, when a piece of it fits.
    if (current !== "" && ww > rest) {
      const room_ = room() - currentWidth - 1;
      const piece = room_ >= 3 ? breakWord(left, room_)[0]! : "";
      if (piece !== "" && piece.length < left.length) {
        current += " " + piece;
        left = left.slice(piece.length);
      }
    }
    if (current !== "") out.push(current);
    current = "";
    // A word too long for a line: pieces, each as long as its line allows.
    while (displayWidth(left) > room()) {
      const [piece, ...more] = breakWord(left, room());
      out.push(piece!);
      left = more.join("");
    }
    current = left;
    currentWidth = displayWidth(left);
  }
  out.push(current);
  return out;
}
