// The shapes of the Cornerstone codec modules (embind classes over libjpeg-turbo, CharLS,
// OpenJPEG, OpenJPH and libjxl) and of the two pure-JS JPEG decoders, as used by this project.
// Embind objects live in WASM memory and must be delete()d; typed arrays they return are views
// into that memory, valid until the next call, so they are copied out at once.

export interface EmscriptenModuleOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
  print?: (s: string) => void;
  printErr?: (s: string) => void;
}

export type EmscriptenFactory = (options?: EmscriptenModuleOptions) => Promise<unknown>;

export interface CodecFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
  isUsingColorTransform?: boolean;
}

interface Deletable {
  delete(): void;
}

export interface EmDecoder extends Deletable {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): CodecFrameInfo;
  getDecodedBuffer(): Uint8Array;
}

export interface JpegLsDecoder extends EmDecoder {
  getInterleaveMode(): number;
  getNearLossless(): number;
}

export interface J2kDecoder extends EmDecoder {
  getIsReversible?(): boolean;
  getColorSpace?(): number;
}

export interface EmEncoder extends Deletable {
  getDecodedBuffer(info: CodecFrameInfo): Uint8Array;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
}

export interface JpegLsEncoder extends EmEncoder {
  setNearLossless(near: number): void;
  setInterleaveMode(mode: number): void;
}

export interface J2kEncoder extends EmEncoder {
  setQuality(lossless: boolean, layers: number): void;
  setCompressionRatio(layer: number, ratio: number): void;
  setDecompositions(n: number): void;
}

export interface Htj2kEncoder extends EmEncoder {
  setQuality(lossless: boolean, quantizationStep: number): void;
  setDecompositions(n: number): void;
}

export interface LibjpegTurboModule { JPEGDecoder: new () => EmDecoder }
export interface CharlsModule { JpegLSDecoder: new () => JpegLsDecoder; JpegLSEncoder: new () => JpegLsEncoder }
export interface OpenJpegModule { J2KDecoder: new () => J2kDecoder; J2KEncoder: new () => J2kEncoder }
export interface OpenJphModule { HTJ2KDecoder: new () => J2kDecoder; HTJ2KEncoder: new () => Htj2kEncoder }
export interface JxlDecodeModule { JpegXLDecoder: new () => EmDecoder }

/** @cornerstonejs/jpeg-lossless-decoder-js (JPEG processes 14 and 15). */
export interface JpegLosslessDecoderClass {
  new (): { decode(buffer?: ArrayBuffer, offset?: number, length?: number, numBytes?: number): Uint8Array | Uint16Array };
}

/** pdf.js's JpegImage as shipped by @cornerstonejs/dicom-image-loader (12-bit DCT JPEG). */
export interface JpegImageClass {
  new (): {
    parse(data: Uint8Array): void;
    width: number;
    height: number;
    colorTransform?: boolean;
    components: unknown[];
    getData(width: number, height: number): Uint8Array;
    getData16(width: number, height: number): Uint16Array;
  };
}

/** Loads each codec once, where the environment keeps it (Node: files next to the glue; browser: asset URLs). */
export interface CodecLoader {
  libjpegTurbo(): Promise<LibjpegTurboModule>;
  charls(): Promise<CharlsModule>;
  openjpeg(): Promise<OpenJpegModule>;
  openjph(): Promise<OpenJphModule>;
  jxlDecode(): Promise<JxlDecodeModule>;
  jpegLossless(): Promise<JpegLosslessDecoderClass>;
  jpegImage(): Promise<JpegImageClass>;
}
