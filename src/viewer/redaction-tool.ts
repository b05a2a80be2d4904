// The redaction box tool: Cornerstone's RectangleROITool (draw, move corners, drag) under its own
// name, drawn as an opaque black box so the operator sees what the export will cover. The
// annotations mirror the store (src/state/redaction.ts); syncBoxes() makes them match it. It
// also outlines the OCR assist's proposals (dashed, unfilled) on the shown image.

import { utilities, type Types } from '@cornerstonejs/core';
import { annotation as csAnnotation, drawing, RectangleROITool, type Types as ToolTypes } from '@cornerstonejs/tools';

export class RedactionTool extends RectangleROITool {
  static override toolName = 'VeilRedaction';
  /** OCR proposals to outline on one image (set by the viewer). */
  static suggestions: { imageId: string; boxes: readonly SuggestedBox[] } = { imageId: '', boxes: [] };
  /** Called once a box was drawn, moved or resized (set by the viewer). */
  static onEditEnd: ((a: ToolTypes.Annotation) => void) | undefined;

  constructor(props: ConstructorParameters<typeof RectangleROITool>[0] = {}, defaultToolProps?: ConstructorParameters<typeof RectangleROITool>[1]) {
    super(props, defaultToolProps);
    const outline = this.renderAnnotation;
    this.renderAnnotation = (enabledElement: Types.IEnabledElement, svg: ToolTypes.SVGDrawingHelper) => {
      const { viewport } = enabledElement;
      let list = csAnnotation.state.getAnnotations(this.getToolName(), viewport.element) ?? [];
      list = this.filterInteractableAnnotationsForElement(viewport.element, list) ?? [];
      // OCR proposals on the shown image: dashed cyan outlines (the focused one thicker), not filled.
      const shown = RedactionTool.suggestions;
      const imageId = viewport.getCurrentImageId?.();
      if (imageId && shown.imageId === imageId) {
        const c = (x: number, y: number) => viewport.worldToCanvas(utilities.imageToWorldCoords(imageId, [x, y]) as Types.Point3);
        for (const b of shown.boxes) {
          drawing.drawRect(svg, 'veil-ocr', b.id, c(b.x, b.y), c(b.x + b.width, b.y + b.height), {
            color: b.focused ? 'rgb(0, 230, 255)' : 'rgb(0, 170, 210)', lineDash: '6,3', lineWidth: b.focused ? 3 : 1.5,
          });
        }
      }
      for (const a of list) {
        const pts = a.data.handles?.points as Types.Point3[] | undefined;
        if (!pts || pts.length < 4 || !a.annotationUID) continue;
        const c0 = viewport.worldToCanvas(pts[0]);
        const c3 = viewport.worldToCanvas(pts[3]);
        drawing.drawRedactionRect(svg, a.annotationUID, 'fill', c0, c3, { color: 'rgb(255, 200, 0)', width: '1' });
      }
      return outline(enabledElement, svg) || list.length > 0;
    };
    // The end of a draw or of a move/resize: hand the annotation to the viewer, which writes it to the store.
    const end = this._endCallback;
    this._endCallback = (evt: ToolTypes.EventTypes.InteractionEventType) => {
      const edit = this.editData as { annotation?: ToolTypes.Annotation; newAnnotation?: boolean; hasMoved?: boolean } | null;
      end(evt);
      const a = edit?.annotation;
      if (!a?.annotationUID || (edit?.newAnnotation && !edit.hasMoved)) return;
      drawingNow.delete(a.annotationUID);
      RedactionTool.onEditEnd?.(a);
    };
  }
}

export const REDACTION_CONFIG = { calculateStats: false, getTextLines: () => [], preventHandleOutsideImage: false };

/** The image pixel box of an annotation (continuous corners). */
export function annotationCorners(a: ToolTypes.Annotation): { imageId: string; p0: Types.Point2; p1: Types.Point2 } | null {
  const imageId = a.metadata?.referencedImageId;
  const pts = a.data.handles?.points as Types.Point3[] | undefined;
  if (!imageId || !pts || pts.length < 4) return null;
  const p0 = utilities.worldToImageCoords(imageId, pts[0]);
  const p1 = utilities.worldToImageCoords(imageId, pts[3]);
  if (!p0 || !p1) return null;
  return { imageId, p0, p1 };
}

export interface ShownBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An OCR proposal on one frame of one file. */
export interface SuggestedBox extends ShownBox {
  fileId: number;
  frame: number;
  focused: boolean;
}

/** Annotations the operator is drawing (added by the tool, not completed yet, so not in the store). */
export const drawingNow = new Set<string>();
let syncing = false;
export const isSyncing = (): boolean => syncing;

const same = (a: number, b: number) => Math.abs(a - b) < 0.01;

/** Make the tool's annotations on this viewport exactly the given boxes on imageId. Returns true if anything changed. */
export function syncBoxes(viewport: Types.IStackViewport, imageId: string, boxes: readonly ShownBox[]): boolean {
  syncing = true;
  try {
    return syncInner(viewport, imageId, boxes);
  } finally {
    syncing = false;
  }
}

function syncInner(viewport: Types.IStackViewport, imageId: string, boxes: readonly ShownBox[]): boolean {
  const el = viewport.element;
  const existing = csAnnotation.state.getAnnotations(RedactionTool.toolName, el) ?? [];
  const wanted = new Map(boxes.map((b) => [b.id, b]));
  let changed = false;
  for (const a of existing) {
    const b = a.annotationUID ? wanted.get(a.annotationUID) : undefined;
    const c = annotationCorners(a);
    const fits = b && c && a.metadata?.referencedImageId === imageId && same(Math.min(c.p0[0], c.p1[0]), b.x) && same(Math.min(c.p0[1], c.p1[1]), b.y)
      && same(Math.abs(c.p1[0] - c.p0[0]), b.width) && same(Math.abs(c.p1[1] - c.p0[1]), b.height);
    if (fits) {
      wanted.delete(a.annotationUID!);
      continue;
    }
    // A box being drawn right now is not in the store yet: leave it alone.
    if (!b && a.annotationUID && drawingNow.has(a.annotationUID)) continue;
    csAnnotation.state.removeAnnotation(a.annotationUID!);
    changed = true;
  }
  if (wanted.size === 0) return changed;
  const camera = viewport.getCamera();
  const frameOfReferenceUID = viewport.getFrameOfReferenceUID();
  for (const b of wanted.values()) {
    const w = (x: number, y: number) => utilities.imageToWorldCoords(imageId, [x, y]) as Types.Point3;
    const points = [w(b.x, b.y), w(b.x + b.width, b.y), w(b.x, b.y + b.height), w(b.x + b.width, b.y + b.height)];
    const a: ToolTypes.Annotation = {
      annotationUID: b.id,
      highlighted: false, invalidated: false, isLocked: false, isVisible: true,
      metadata: { toolName: RedactionTool.toolName, referencedImageId: imageId, FrameOfReferenceUID: frameOfReferenceUID, viewPlaneNormal: camera.viewPlaneNormal, viewUp: camera.viewUp },
      data: { handles: { points, activeHandleIndex: null }, label: '', cachedStats: {} },
    };
    csAnnotation.state.addAnnotation(a, el);
    changed = true;
  }
  return changed;
}
