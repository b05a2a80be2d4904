// What the stack viewer's parts share (StackViewer.tsx, viewer-events.ts, use-render-failures.ts,
// use-stack-display.ts): its props, and the refs and setters that tie the React component to the
// Cornerstone engine — the viewport element, the engine and tool group ids, the shown stack (one
// image id per frame with the file and frame each came from), the latest props, the message over
// the viewport and the window state.

import type { Types } from '@cornerstonejs/core';
import type { RefObject } from 'react';
import type { FrameSource } from '../ocr/frame-source.ts';
import type { LoadedFile } from '../workspace/loaded-file.ts';
import type { DrawnBox } from '../workspace/redaction-boxes.ts';
import type { EngineIds } from './engine-setup.ts';
import type { SuggestedBox } from './redaction-tool.ts';
import type { ShownStackIds } from './stack-build.ts';
import type { useWindowLevel } from './use-window-level.ts';
import type { ViewerMessage } from './ViewportStatus.tsx';

export interface StackViewerProps {
  files: LoadedFile[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  viewableBlob: (f: LoadedFile) => Promise<Blob>;
  /** Every loaded file (the series and device scopes reach beyond this series). */
  allFiles?: LoadedFile[];
  /** The store's redaction boxes; the viewer's annotations mirror them. */
  boxes?: DrawnBox[];
  drawing?: boolean;
  onDrawing?: (on: boolean) => void;
  onBoxDrawn?: (b: Omit<DrawnBox, 'scope'>) => void;
  onBoxMoved?: (id: string, r: { x: number; y: number; width: number; height: number }) => void;
  onBoxRemoved?: (id: string) => void;
  /** OCR proposals (image pixels) to outline; the focused one is drawn thicker. */
  suggestions?: readonly SuggestedBox[];
  /** Receives where the OCR assist reads pixels from (null on unmount). */
  onFrameSource?: (s: FrameSource | null) => void;
  /** A file's image was drawn (true) or could not be (false): review only confirms what was seen. */
  onRenderState?: (fileId: number, ok: boolean) => void;
}

export interface ViewerCore {
  element: RefObject<HTMLDivElement | null>;
  ids: RefObject<EngineIds>;
  stack: RefObject<ShownStackIds>;
  /** The props of the latest render (event handlers outlive renders). */
  props: RefObject<StackViewerProps>;
  /** The stack viewport of the current engine, if any. */
  viewport: () => Types.IStackViewport | undefined;
  /** Say something over the viewport in place of the image (null: show the image). */
  setMessage: (text: ViewerMessage | null, file?: number) => void;
  win: ReturnType<typeof useWindowLevel>;
}

/** The file shown at a stack index, and the file an image id belongs to. */
export const fileAt = (core: ViewerCore, index: number): number | undefined => core.stack.current.fileOf[index];
export const fileOfImage = (core: ViewerCore, imageId: string): number | undefined => fileAt(core, core.stack.current.imageIds.indexOf(imageId));
