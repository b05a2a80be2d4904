// Loads the Cornerstone codecs in Node (CLI, tests): the emscripten glue is required from the
// package, and its .wasm is read from the file next to it (resolved through the package's exports)
// and handed over as wasmBinary. Node-only: the browser bundle uses browser-loader.ts instead.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FrameCodecs } from '../core/pixels/frame-codec.ts';
import type {
  CharlsModule, CodecLoader, EmscriptenFactory, JpegImageClass, JpegLosslessDecoderClass, JxlDecodeModule,
  LibjpegTurboModule, OpenJpegModule, OpenJphModule,
} from './codec-types.ts';
import { createCornerstoneCodecs } from './cornerstone-codecs.ts';

const require = createRequire(import.meta.url);
const quiet = { print: () => {}, printErr: () => {} };

async function emscripten<T>(glue: string, wasm: string, esm = false): Promise<T> {
  const mod = esm ? ((await import(pathToFileURL(require.resolve(glue)).href)) as { default: EmscriptenFactory }) : (require(glue) as EmscriptenFactory | { default: EmscriptenFactory });
  const factory = typeof mod === 'function' ? mod : mod.default;
  const wasmBinary = await readFile(require.resolve(wasm));
  return (await factory({ wasmBinary, ...quiet })) as T;
}

export const nodeCodecLoader: CodecLoader = {
  libjpegTurbo: () => emscripten<LibjpegTurboModule>('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs', '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm'),
  charls: () => emscripten<CharlsModule>('@cornerstonejs/codec-charls/wasmjs', '@cornerstonejs/codec-charls/wasm'),
  openjpeg: () => emscripten<OpenJpegModule>('@cornerstonejs/codec-openjpeg/wasmjs', '@cornerstonejs/codec-openjpeg/wasm'),
  openjph: () => emscripten<OpenJphModule>('@cornerstonejs/codec-openjph/wasmjs', '@cornerstonejs/codec-openjph/wasm'),
  jxlDecode: () => emscripten<JxlDecodeModule>('@cornerstonejs/codec-libjxl/decodewasmjs', '@cornerstonejs/codec-libjxl/decodewasm', true),
  jpegLossless: async () => (await import('@cornerstonejs/jpeg-lossless-decoder-js')).Decoder as unknown as JpegLosslessDecoderClass,
  jpegImage: async () => {
    // pdf.js's JPEG decoder ships inside the image loader but is not among its exports.
    const loaderEntry = require.resolve('@cornerstonejs/dicom-image-loader');
    const file = join(dirname(loaderEntry), 'codecs', 'jpeg.js');
    return ((await import(pathToFileURL(file).href)) as { default: JpegImageClass }).default;
  },
};

let shared: FrameCodecs | undefined;

/** The codecs for Node, created once (each codec module loads on first use). */
export function nodeFrameCodecs(): FrameCodecs {
  shared ??= createCornerstoneCodecs(nodeCodecLoader);
  return shared;
}
