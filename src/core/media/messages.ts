// The per-file messages of DICOMDIR handling, one function each (CLI report and app notices say
// the same); texts in src/i18n/locales/<lng>/codes.json.

import { msg, type Message, type MessageParam } from '../messages/message.ts';

/** The status reason of a DICOMDIR read to find its files (it is never copied). */
export const dicomdirUsedAsIndex = (p: { referenced: number; found: number }): Message => msg('dicomdir-used-as-index', p);

/** A file the DICOMDIR references is not on the media. */
export const dicomdirFileMissing = (p: { fileId: string }): Message => msg('dicomdir-file-missing', p);

/** The app's notice for a loaded DICOMDIR whose referenced files are not all among the files loaded. */
export const dicomdirFilesMissing = (p: { name: string; count: number; first: string }): Message => msg('dicomdir-files-missing', p);

/** A DICOMDIR that could not be read as a Basic Directory (its folder's files are still read). */
export const dicomdirUnreadable = (p: { reason: MessageParam }): Message => msg('dicomdir-unreadable', p);

/** --dicomdir / "For CD/USB": an output that cannot be named or listed on media gets no output. */
export const notListableOnMedia = (p: { reason: MessageParam }): Message => msg('not-listable-on-media', p);
