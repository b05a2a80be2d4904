// Burns the generated fields into a base image's values and records where each value and label
// landed (the tight box of the glyph pixels). Glyphs come from @napi-rs/canvas (Skia) with
// system fonts: WenQuanYi (汉字; `apt-get install fonts-wqy-microhei fonts-wqy-zenhei`), DejaVu and
// Liberation. The variants are those devices produce: text at the top of the range, mid grey or
// faint; the header's window kept, or the image stored as 16-bit 0..255 under a CT window that
// shows it black ("8in16").

import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import type { Base } from './bases.ts';
import { fields, pick, rng, type Field, type Rng } from './texts.ts';
import type { FramePixels } from '../../src/ocr/grey-image.ts';

export interface TruthBox {
  kind: Field['kind'] | 'label';
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Case {
  id: string;
  base: string;
  modality: string;
  variant: string;
  ownText: boolean;
  frame: FramePixels & { pixels: Float32Array };
  boxes: TruthBox[];
}

const FONT_FILES: [string, string, boolean][] = [
  ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 'WQY MicroHei', true],
  ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 'WQY ZenHei', true],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'DejaVu Sans', false],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', 'DejaVu Sans Mono', false],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', 'DejaVu Serif', false],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', 'Liberation Sans', false],
];

let fonts: { family: string; cjk: boolean }[] | null = null;
function loadFonts(): { family: string; cjk: boolean }[] {
  if (fonts) return fonts;
  fonts = [];
  for (const [path, family, cjk] of FONT_FILES) if (existsSync(path) && GlobalFonts.registerFromPath(path, family)) fonts.push({ family, cjk });
  if (!fonts.some((f) => f.cjk)) throw new Error('ocr bench: no CJK font; install fonts-wqy-microhei and fonts-wqy-zenhei');
  return fonts;
}

interface Glyphs {
  width: number;
  height: number;
  cover: Float32Array;
  /** Tight box of the glyph pixels inside the patch. */
  box: { x: number; y: number; width: number; height: number } | null;
}

function render(text: string, family: string, size: number): Glyphs {
  const probe = createCanvas(8, 8).getContext('2d');
  probe.font = `${size}px "${family}"`;
  const width = Math.ceil(probe.measureText(text).width) + 4;
  const height = Math.ceil(size * 1.6);
  const c = createCanvas(width, height);
  const x = c.getContext('2d');
  x.fillStyle = '#000';
  x.fillRect(0, 0, width, height);
  x.fillStyle = '#fff';
  x.font = `${size}px "${family}"`;
  x.textBaseline = 'alphabetic';
  x.fillText(text, 2, Math.round(size * 1.15));
  const rgba = x.getImageData(0, 0, width, height).data;
  const cover = new Float32Array(width * height);
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let i = 0; i < cover.length; i++) {
    cover[i] = rgba[i * 4] / 255;
    if (cover[i] > 0.2) {
      const px = i % width;
      const py = (i - px) / width;
      x0 = Math.min(x0, px);
      y0 = Math.min(y0, py);
      x1 = Math.max(x1, px);
      y1 = Math.max(y1, py);
    }
  }
  return { width, height, cover, box: x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 } };
}

function stats(p: Float32Array, n: number): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (p[i] < min) min = p[i];
    if (p[i] > max) max = p[i];
  }
  return { min, max };
}

export function makeCase(base: Base, seed: number): Case {
  const r: Rng = rng(seed * 7919 + base.name.length);
  const all = loadFonts();
  const f0 = base.frame;
  const { width: W, height: H, components: C } = f0;
  const colour = C >= 3;
  const variant = colour ? 'colour' : pick(r, ['header', 'header', '8in16']);
  const pixels = new Float32Array(f0.pixels);
  let window = f0.window;
  let { min, max } = stats(pixels, W * H * C);
  if (variant === '8in16') {
    for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round(((pixels[i] - min) / (max - min || 1)) * 255);
    min = 0;
    max = 255;
    window = { lower: 864, upper: 1264 };
  }
  const tone = pick(r, ['bright', 'bright', 'grey', 'faint']);
  const text = colour ? pick(r, [[255, 255, 255], [255, 255, 0], [0, 255, 0], [200, 200, 200]]) : null;
  const size = Math.max(10, Math.min(48, Math.round(Math.min(W, H) * (0.022 + r() * 0.025))));
  const latin = all.filter((f) => !f.cjk);
  const cjk = all.filter((f) => f.cjk);
  const latinFont = pick(r, [...latin, ...cjk]).family;
  const cjkFont = pick(r, cjk).family;
  const fs = fields(r);
  const boxes: TruthBox[] = [];
  const corners = [0, 1, 2, 3].sort(() => r() - 0.5);
  const perBlock = Math.ceil(fs.length / 2);
  const line = Math.round(size * (1.3 + r() * 0.4));
  const burn = (g: Glyphs, ox: number, oy: number) => {
    let bg = 0;
    let n = 0;
    for (let y = 0; y < g.height; y++) for (let x = 0; x < g.width; x++) if (ox + x < W && oy + y < H) (bg += pixels[((oy + y) * W + ox + x) * C]), n++;
    bg /= Math.max(1, n);
    // Devices print light text on dark ground and dark on light: the tone is taken away from the
    // ground under the line, so the text is always there in the pixels (if not on the display).
    const light = bg < min + 0.5 * (max - min);
    const span = max - min;
    const value = tone === 'bright' ? (light ? max : min) : tone === 'grey' ? (light ? min + 0.6 * span : min + 0.25 * span) : light ? Math.min(max, bg + 0.15 * span) : Math.max(min, bg - 0.15 * span);
    for (let y = 0; y < g.height; y++) {
      for (let x = 0; x < g.width; x++) {
        const a = g.cover[y * g.width + x];
        const px = ox + x;
        const py = oy + y;
        if (a <= 0 || px >= W || py >= H) continue;
        for (let c = 0; c < C; c++) {
          const i = (py * W + px) * C + c;
          const v = text ? text[c] : value;
          pixels[i] = Math.round(pixels[i] * (1 - a) + v * a);
        }
      }
    }
  };
  // Devices print their blocks apart: a block goes to the first of its corners (in the shuffled
  // order) where it does not overlap a block already placed.
  const placed: { x: number; y: number; w: number; h: number }[] = [];
  const used = new Set<number>();
  for (let b = 0; b < 2; b++) {
    const block = fs.slice(b * perBlock, (b + 1) * perBlock);
    const glyphs = block.map((fd) => {
      const font = (s: string) => (/[\u3400-\u9fff]/u.test(s) ? cjkFont : latinFont);
      return { fd, label: fd.label ? render(fd.label, font(fd.label), size) : null, value: render(fd.value, font(fd.value), size) };
    });
    const widest = Math.max(...glyphs.map((g) => (g.label ? g.label.width + size * 0.4 : 0) + g.value.width));
    const margin = 4 + Math.floor(r() * Math.max(4, W * 0.05));
    const blockH = line * glyphs.length + size;
    const at = (corner: number) => ({ x: corner % 2 === 0 ? margin : Math.max(0, W - margin - widest), y: corner < 2 ? margin : Math.max(0, H - margin - blockH), w: widest, h: blockH });
    const apart = (q: { x: number; y: number; w: number; h: number }) => placed.every((p) => q.x >= p.x + p.w || p.x >= q.x + q.w || q.y >= p.y + p.h || p.y >= q.y + q.h);
    const corner = [corners[b], ...corners.filter((c) => c !== corners[b])].find((c) => !used.has(c) && apart(at(c))) ?? corners[b];
    used.add(corner);
    const rect = at(corner);
    placed.push(rect);
    const { x: x0, y: y0 } = rect;
    glyphs.forEach((g, k) => {
      let x = Math.round(x0);
      const y = Math.round(y0 + k * line);
      if (g.label) {
        burn(g.label, x, y);
        if (g.label.box) boxes.push({ kind: 'label', text: g.fd.label, x: x + g.label.box.x, y: y + g.label.box.y, width: g.label.box.width, height: g.label.box.height });
        x += g.label.width + Math.round(size * 0.4);
      }
      burn(g.value, x, y);
      const vb = g.value.box;
      if (vb) {
        const bx = Math.min(W, x + vb.x + vb.width);
        const by = Math.min(H, y + vb.y + vb.height);
        if (bx > x + vb.x && by > y + vb.y) boxes.push({ kind: g.fd.kind, text: g.fd.value, x: x + vb.x, y: y + vb.y, width: bx - (x + vb.x), height: by - (y + vb.y) });
      }
    });
  }
  return { id: `${base.name}#${seed}`, base: base.name, modality: base.modality, ownText: base.ownText, variant: `${variant}/${tone}`, frame: { ...f0, pixels, window }, boxes };
}
