// What io-floor.mjs --reread parses with: core's DICOM reader, bundled by the bench (esbuild) into
// its work folder so the floor loads it without transpiling.
export { readPart10 } from '../../src/core/dicom/reader.ts';
export { MemorySource } from '../../src/core/io/byte-source.ts';
