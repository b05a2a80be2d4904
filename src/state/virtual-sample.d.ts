// The built-in sample as bytes inside the bundle (the single-file build; null when served).
declare module 'virtual:veil-sample' {
  const files: { name: string; base64: string }[] | null;
  export default files;
}
