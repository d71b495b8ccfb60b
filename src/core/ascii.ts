/**
 * Case of codes (countries, currencies, importers, column names) changed for
 * ASCII letters only. `toUpperCase` folds Unicode: "ß" becomes "SS", "ﬀ"
 * becomes "FF", "ſ" becomes "S", so a German or ligature letter would pass as
 * a country code. Codes are ASCII; anything else stays as it is and fails.
 */

export function asciiUpperCase(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 97 && c <= 122 ? String.fromCharCode(c - 32) : text[i];
  }
  return out;
}

export function asciiLowerCase(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i];
  }
  return out;
}
