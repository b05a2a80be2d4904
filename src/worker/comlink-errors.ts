// Comlink's 'throw' handler, extended so a MessageError thrown in a worker reaches the main
// thread as a MessageError with its Message ({code, params}); comlink's own handler would keep
// only the `message` (the code), and the app could then only show that. Installed by both ends:
// the app's worker (veil.worker.ts) and the pool that calls it (src/state/worker-pool.ts).

import { transferHandlers, type TransferHandler } from 'comlink';
import type { Message } from '../core/messages/message.ts';
import { MessageError } from '../core/messages/notice.ts';

interface Thrown {
  isError: boolean;
  value: unknown;
}

interface SerializedMessageError {
  isError: true;
  value: { message: string; name: string; stack?: string; problem: Message };
}

const isMessageError = (s: unknown): s is SerializedMessageError => {
  const v = (s as Thrown | null)?.value as { problem?: unknown } | undefined;
  return (s as Thrown).isError === true && typeof v?.problem === 'object' && v.problem !== null;
};

/** Replace comlink's 'throw' handler by one that carries MessageError's Message (once per thread). */
export function installMessageErrorTransfer(): void {
  const base = transferHandlers.get('throw') as TransferHandler<{ value: unknown }, unknown> | undefined;
  if (!base || (base as { messageErrors?: true }).messageErrors) return;
  const handler: TransferHandler<{ value: unknown }, unknown> & { messageErrors: true } = {
    messageErrors: true,
    canHandle: (v): v is { value: unknown } => base.canHandle(v),
    serialize(thrown) {
      const err = thrown.value;
      if (!(err instanceof MessageError)) return base.serialize(thrown);
      const serialized: SerializedMessageError = { isError: true, value: { message: err.message, name: err.name, stack: err.stack, problem: err.problem } };
      return [serialized, []];
    },
    deserialize(serialized) {
      if (!isMessageError(serialized)) return base.deserialize(serialized);
      const { problem, message, name } = serialized.value;
      const err = new MessageError(problem, message);
      err.name = name;
      throw err;
    },
  };
  transferHandlers.set('throw', handler);
}
