/**
 * Just enough of PNG to tell a real picture from a blank one: the size, and
 * how many different colours its pixels have (8-bit RGB or RGBA, not
 * interlaced: what Chromium's screenshots are). Used by tests/e2e/html.test.ts.
 */
import { inflateSync } from "node:zlib";

export interface PngSummary {
  width: number;
  height: number;
  /** Distinct colours among the pixels. */
  colours: number;
  /** The share of pixels of the most common colour (the background). */
  commonest: number;
}

export function summarizePng(png: Buffer): PngSummary {
  if (png.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a") throw new Error("not a PNG");
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.subarray(pos + 4, pos + 8).toString("latin1");
    const body = png.subarray(pos + 8, pos + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8]!;
      const colourType = body[9]!;
      if (depth !== 8 || body[12] !== 0 || (colourType !== 2 && colourType !== 6)) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colourType}, interlace ${body[12]}`);
      channels = colourType === 6 ? 4 : 3;
    } else if (type === "IDAT") data.push(body);
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const previous = Buffer.alloc(stride);
  const row = Buffer.alloc(stride);
  const counts = new Map<number, number>();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels]! : 0;
      const b = previous[i]!;
      const c = i >= channels ? previous[i - channels]! : 0;
      const x = line[i]!;
      let v: number;
      if (filter === 0) v = x;
      else if (filter === 1) v = x + a;
      else if (filter === 2) v = x + b;
      else if (filter === 3) v = x + ((a + b) >> 1);
      else {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      row[i] = v & 0xff;
    }
    for (let i = 0; i < stride; i += channels) {
      const key = (row[i]! << 16) | (row[i + 1]! << 8) | row[i + 2]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    row.copy(previous);
  }
  const commonest = Math.max(...counts.values()) / (width * height);
  return { width, height, colours: counts.size, commonest };
}
