/**
 * Draws the Tieout icon into public/icon/{16,32,48,96,128}.png (the sizes WXT picks up and the
 * stores ask for). Plain code and zlib, so regenerating needs nothing outside node_modules:
 * `npx tsx dev/icons.ts`. The PNGs are committed; the build does not run this.
 *
 * The mark: a ledger page (rounded square) with two rows tied together by a check mark — an invoice
 * ticked against its PO.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

type Rgb = readonly [number, number, number];
const BACKGROUND: Rgb = [15, 92, 110];
const ROW: Rgb = [166, 214, 222];
const TICK: Rgb = [255, 255, 255];

/** Signed distance to a rounded box centred at (cx, cy); negative inside. */
function roundedBox(x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance to the segment (ax, ay)–(bx, by). */
function segment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy);
}

/** Colour and coverage of one point in unit coordinates (0..1), topmost layer last. */
function sample(x: number, y: number, size: number): [Rgb, number] | undefined {
  // Small sizes get thicker strokes so the mark survives at 16 px.
  const small = size <= 32;
  const stroke = small ? 0.075 : 0.06;
  const tick = small ? 0.1 : 0.085;
  const layers: [Rgb, boolean][] = [
    [BACKGROUND, roundedBox(x, y, 0.5, 0.5, 0.47, 0.47, 0.2) <= 0],
    [ROW, segment(x, y, 0.24, 0.32, 0.76, 0.32) <= stroke / 2],
    [ROW, !small && segment(x, y, 0.24, 0.47, 0.5, 0.47) <= stroke / 2],
    [TICK, segment(x, y, 0.3, 0.6, 0.44, 0.74) <= tick / 2 || segment(x, y, 0.44, 0.74, 0.76, 0.44) <= tick / 2],
  ];
  let hit: Rgb | undefined;
  for (const [colour, inside] of layers) if (inside) hit = colour;
  return hit ? [hit, 1] : undefined;
}

/** RGBA pixels, 4×4 supersampled for smooth edges. */
export function drawIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const grid = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const hit = sample((px + (sx + 0.5) / grid) / size, (py + (sy + 0.5) / grid) / size, size);
          if (!hit) continue;
          const [[cr, cg, cb], cover] = hit;
          r += cr * cover;
          g += cg * cover;
          b += cb * cover;
          a += cover;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a);
        pixels[i + 1] = Math.round(g / a);
        pixels[i + 2] = Math.round(b / a);
      }
      pixels[i + 3] = Math.round((a / (grid * grid)) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, tail]);
}

/** An 8-bit RGBA PNG. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = resolve(import.meta.dirname, '../public/icon');
  mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(dir, `${size}.png`);
    writeFileSync(file, encodePng(size, drawIcon(size)));
    console.log(file);
  }
}
