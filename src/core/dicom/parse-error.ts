// The error every reader failure becomes: what is wrong (a Message, texts in codes.json), at
// which byte offset, in which element. The parts of a file the reader asks for (ReadPart) are
// codes too, so a truncated read names the part in the reader's language.
import { msg, type Message, type MessageCode } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import { formatTag, type Tag } from './tag.ts';

/** A part of the file the reader needs bytes for. */
export type ReadPart = Extract<MessageCode, `part-${string}`>;

export class DicomParseError extends MessageError {
  constructor(
    problem: Message,
    readonly offset: number,
    readonly tag?: Tag,
  ) {
    super(problem);
    this.name = 'DicomParseError';
  }
  /** Name the element being read, e.g. "element (0010,0010) at offset 312: …". */
  static inElement(err: unknown, t: Tag, offset: number): Error {
    if (err instanceof DicomParseError && err.tag === undefined) {
      return new DicomParseError(msg('parse-in-element', { element: formatTag(t), offset, problem: err.problem }), err.offset, t);
    }
    return err instanceof Error ? err : new Error(String(err));
  }
}
