// Loads the Cornerstone codecs in the browser or a Web Worker (Vite): each emscripten glue module
// is imported on first use, and its .wasm comes from an asset URL that Vite emits (`?url` on the
// package export), so the bundle never pulls in node:fs. For the worker:
//   import { browserFrameCodecs } from '../codecs/browser-loader.ts';
//   await deidentifyFile(source, sink, session, { ...options, codecs: browserFrameCodecs() });

import charlsWasmUrl from '@cornerstonejs/codec-charls/wasm?url';
import libjpegTurboWasmUrl from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url';
import jxlDecodeWasmUrl from '@cornerstonejs/codec-libjxl/decodewasm?url';
import openjpegWasmUrl from '@cornerstonejs/codec-openjpeg/wasm?url';
import openjphWasmUrl from '@cornerstonejs/codec-openjph/wasm?url';
import type { FrameCodecs } from '../core/pixels/frame-codec.ts';
import type {
  CharlsModule, CodecLoader, EmscriptenFactory, JpegImageClass, JpegLosslessDecoderClass, JxlDecodeModule,
  LibjpegTurboModule, OpenJpegModule, OpenJphModule,
} from './codec-types.ts';
import { createCornerstoneCodecs } from './cornerstone-codecs.ts';

async function instantiate<T>(glue: Promise<{ default: EmscriptenFactory }>, wasmUrl: string): Promise<T> {
  const factory = (await glue).default;
  return (await factory({ locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl : path), print: () => {}, printErr: () => {} })) as T;
}

export const browserCodecLoader: CodecLoader = {
  libjpegTurbo: () => instantiate<LibjpegTurboModule>(import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'), libjpegTurboWasmUrl),
  charls: () => instantiate<CharlsModule>(import('@cornerstonejs/codec-charls/wasmjs'), charlsWasmUrl),
  openjpeg: () => instantiate<OpenJpegModule>(import('@cornerstonejs/codec-openjpeg/wasmjs'), openjpegWasmUrl),
  openjph: () => instantiate<OpenJphModule>(import('@cornerstonejs/codec-openjph/wasmjs'), openjphWasmUrl),
  jxlDecode: () => instantiate<JxlDecodeModule>(import('@cornerstonejs/codec-libjxl/decodewasmjs'), jxlDecodeWasmUrl),
  jpegLossless: async () => (await import('@cornerstonejs/jpeg-lossless-decoder-js')).Decoder as unknown as JpegLosslessDecoderClass,
  // pdf.js's JPEG decoder (12-bit DCT) ships inside the image loader but is not among its exports.
  jpegImage: async () =>
    ((await import('../../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/codecs/jpeg.js')) as unknown as { default: JpegImageClass }).default,
};

let shared: FrameCodecs | undefined;

/** The codecs for the browser, created once (each codec module loads on first use). */
export function browserFrameCodecs(): FrameCodecs {
  shared ??= createCornerstoneCodecs(browserCodecLoader);
  return shared;
}
