// Types for the emscripten glue of the Cornerstone codec packages, which ship none. Each entry
// point is a factory resolving to the instantiated module; the classes are embind bindings.

declare module '@cornerstonejs/codec-charls/wasmjs' {
  const factory: import('./codec-types.ts').EmscriptenFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/wasmjs' {
  const factory: import('./codec-types.ts').EmscriptenFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-openjph/wasmjs' {
  const factory: import('./codec-types.ts').EmscriptenFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: import('./codec-types.ts').EmscriptenFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-libjxl/decodewasmjs' {
  const factory: import('./codec-types.ts').EmscriptenFactory;
  export default factory;
}
