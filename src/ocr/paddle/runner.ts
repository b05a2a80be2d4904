// What OCR asks of the PP-OCR models: run the detector and the recogniser on a float tensor, and
// the recogniser's dictionary. ONNX Runtime provides it (ort-runner.ts) in the app's worker and
// in the Node benchmark; everything around the models stays pure.

export interface Tensor {
  data: Float32Array;
  dims: readonly number[];
}

export interface OcrRunner {
  det(input: Tensor): Promise<Tensor>;
  rec(input: Tensor): Promise<Tensor>;
  dictionary: readonly string[];
}
