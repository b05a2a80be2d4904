// The error every reader failure becomes: what is wrong, at which byte offset, in which element.
import { formatTag, type Tag } from './tag.ts';

export class DicomParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly tag?: Tag,
  ) {
    super(message);
    this.name = 'DicomParseError';
  }
  /** Prefix the message with the element being read, e.g. "in (0010,0010) at offset 312: …". */
  static inElement(err: unknown, t: Tag, offset: number): Error {
    if (err instanceof DicomParseError && err.tag === undefined) {
      return new DicomParseError(`element ${formatTag(t)} at offset ${offset}: ${err.message}`, err.offset, t);
    }
    return err instanceof Error ? err : new Error(String(err));
  }
}
