// Draws images/icon.png (128x128): a news page whose first line, the date header, is marked, and a
// seed with a check. No dependencies: shapes are signed distance functions, 4x4 supersampled, and
// the PNG is written with zlib. Run: node images/make-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SS = 4;

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), 255];

function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
    const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

function segment(ax, ay, bx, by, r) {
  return (x, y) => {
    const px = x - ax;
    const py = y - ay;
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - dx * t, py - dy * t) - r;
  };
}

/** A seed: two circle arcs meeting in points (a vesica), tilted by `angle`. */
function seed(cx, cy, length, width, angle) {
  const half = length / 2;
  const radius = (half * half + (width / 2) ** 2) / width;
  const offset = radius - width / 2;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return (x, y) => {
    const u = (x - cx) * c + (y - cy) * s;
    const v = Math.abs(-(x - cx) * s + (y - cy) * c);
    return Math.hypot(u, v + offset) - radius;
  };
}

const layers = [
  { shape: roundedRect(0, 0, 128, 128, 26), color: hex('#17324d') },
  { shape: roundedRect(26, 16, 96, 110, 7), color: hex('#f6f1e6') },
  // The date header line, highlighted, then the article's lines.
  { shape: roundedRect(33, 25, 74, 37, 3), color: hex('#f2b134') },
  { shape: segment(38, 31, 68, 31, 2.6), color: hex('#17324d') },
  ...[48, 59, 70, 81, 92].map((y, i) => ({ shape: segment(36, y, i % 2 ? 74 : 86, y, 2.6), color: hex('#9aa7b4') })),
  // The seed, with a light rim so it reads on the page and on the background.
  { shape: (x, y) => seed(94, 94, 56, 30, -Math.PI / 4)(x, y) - 3, color: hex('#17324d') },
  { shape: seed(94, 94, 56, 30, -Math.PI / 4), color: hex('#3fae5a') },
  { shape: (x, y) => Math.min(segment(84, 96, 92, 104, 3.4)(x, y), segment(92, 104, 107, 86, 3.4)(x, y)), color: hex('#ffffff') },
];

const pixels = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = px + (sx + 0.5) / SS;
        const y = py + (sy + 0.5) / SS;
        let color = [0, 0, 0, 0];
        for (const layer of layers) if (layer.shape(x, y) <= 0) color = layer.color;
        // Premultiplied, so that transparent corners do not darken the edge.
        const a = color[3] / 255;
        acc[0] += color[0] * a;
        acc[1] += color[1] * a;
        acc[2] += color[2] * a;
        acc[3] += color[3];
      }
    }
    const n = SS * SS;
    const alpha = acc[3] / n;
    const o = (py * SIZE + px) * 4;
    const k = alpha > 0 ? 255 / alpha : 0;
    pixels[o] = Math.round((acc[0] / n) * k);
    pixels[o + 1] = Math.round((acc[1] / n) * k);
    pixels[o + 2] = Math.round((acc[2] / n) * k);
    pixels[o + 3] = Math.round(alpha);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
fs.writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
