// A MessageError thrown behind comlink arrives as a MessageError with its Message, so the app
// words it in the user's language; other errors arrive as comlink has always sent them.
import { expose, wrap } from 'comlink';
import { describe, expect, it } from 'vitest';
import { MessageError, notice } from '../../src/core/messages/notice.ts';
import { installMessageErrorTransfer } from '../../src/worker/comlink-errors.ts';

installMessageErrorTransfer();

const api = {
  ours(): string {
    throw new MessageError(notice('workerNoSession'));
  },
  foreign(): string {
    throw new TypeError('x is not a function');
  },
};

describe('comlink errors', () => {
  it('a MessageError keeps its code and parameters across the channel; a foreign error keeps its text', async () => {
    const { port1, port2 } = new MessageChannel();
    expose(api, port1);
    const remote = wrap<typeof api>(port2);
    const ours = await remote.ours().catch((e: unknown) => e);
    expect(ours).toBeInstanceOf(MessageError);
    expect((ours as MessageError).problem).toEqual(notice('workerNoSession'));
    const foreign = await remote.foreign().catch((e: unknown) => e);
    expect(foreign).not.toBeInstanceOf(MessageError);
    expect((foreign as Error).message).toBe('x is not a function');
    expect((foreign as Error).name).toBe('TypeError');
    port1.close();
    port2.close();
  });
});
