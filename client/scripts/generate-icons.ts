/**
 * Draws the app icon (a pale leaf with a midrib on the brand green #2E7D32) and writes the PNGs
 * the web manifest lists. Pure arithmetic plus a minimal PNG encoder, so no image library is
 * needed: `npx tsx client/scripts/generate-icons.ts`. The outputs are committed.
 *
 * The leaf is a lens (the intersection of two circles) tilted 45°; every pixel is 4x4
 * supersampled for smooth edges. Maskable icons keep the leaf inside the 40 % safe circle.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const GREEN: Rgb = [0x2e, 0x7d, 0x32];
const LEAF: Rgb = [0xf1, 0xf8, 0xe9];
type Rgb = [number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 0 = background, 1 = leaf, 2 = midrib or stem; coordinates in the unit square. */
function shapeAt(x: number, y: number, scale: number): number {
  // Centre, then rotate by -45° so the leaf's axis runs bottom-left to top-right.
  const cx = (x - 0.5) / scale;
  const cy = (y - 0.5) / scale;
  const u = (cx - cy) * Math.SQRT1_2; // along the axis
  const v = (cx + cy) * Math.SQRT1_2; // across the axis
  const halfLength = 0.34;
  const halfWidth = 0.16;
  // Two circles through the tips (±halfLength, 0) whose lens is halfWidth thick.
  const r = (halfLength * halfLength + halfWidth * halfWidth) / (2 * halfWidth);
  const inLens =
    u * u + (v - (r - halfWidth)) ** 2 <= r * r && u * u + (v + (r - halfWidth)) ** 2 <= r * r;
  const onRib = Math.abs(v) < 0.012 && u > -halfLength && u < halfLength * 0.82;
  const onStem = Math.abs(v) < 0.014 && u <= -halfLength + 0.02 && u > -halfLength - 0.09;
  if (onStem) return 2;
  if (inLens) return onRib ? 2 : 1;
  return 0;
}

function draw(size: number, scale: number, roundCorners: boolean): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const ss = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let leaf = 0;
      let rib = 0;
      let inside = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const fx = (x + (sx + 0.5) / ss) / size;
          const fy = (y + (sy + 0.5) / ss) / size;
          const s = shapeAt(fx, fy, scale);
          if (s === 1) leaf++;
          else if (s === 2) rib++;
          if (!roundCorners || insideRoundedSquare(fx, fy, 0.18)) inside++;
        }
      }
      const n = ss * ss;
      // The rib is drawn in a darker green so it reads on both the leaf and the background.
      const ribColour: Rgb = [0x1b, 0x5e, 0x20];
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) {
        px[o + c] = Math.round(
          ((GREEN[c] ?? 0) * (n - leaf - rib) + (LEAF[c] ?? 0) * leaf + (ribColour[c] ?? 0) * rib) /
            n,
        );
      }
      px[o + 3] = Math.round((255 * inside) / n);
    }
  }
  return px;
}

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const dx = Math.max(radius - x, 0, x - (1 - radius));
  const dy = Math.max(radius - y, 0, y - (1 - radius));
  return dx * dx + dy * dy <= radius * radius;
}

const out = new URL('../public/icons/', import.meta.url);
const icons: [string, number, number, boolean][] = [
  ['icon-192.png', 192, 1, true],
  ['icon-512.png', 512, 1, true],
  ['icon-maskable-512.png', 512, 0.78, false],
  ['apple-touch-icon-180.png', 180, 0.9, false],
];
for (const [name, size, scale, rounded] of icons) {
  writeFileSync(new URL(name, out), encodePng(size, draw(size, scale, rounded)));
  console.log(`wrote client/public/icons/${name}`);
}
