import { describe, expect, test } from 'vitest';
import { Channel, ChannelOverflowError } from './channel.ts';

describe('Channel', () => {
  test('values pushed before and while reading arrive in order, then the end', async () => {
    const channel = new Channel<number>();
    channel.push(1);
    const reading = (async () => {
      const seen: number[] = [];
      for await (const value of channel) seen.push(value);
      return seen;
    })();
    channel.push(2);
    await new Promise((r) => setTimeout(r, 5));
    channel.push(3);
    channel.end();
    expect(await reading).toEqual([1, 2, 3]);
  });

  test('return() ends it at once, even while the reader waits, and onClose runs exactly once', async () => {
    let closed = 0;
    const channel = new Channel<number>({ onClose: () => (closed += 1) });
    const waiting = channel.next();
    await channel.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    channel.end();
    await channel.return();
    expect(closed).toBe(1);
    channel.push(1);
    expect(await channel.next()).toEqual({ value: undefined, done: true });
  });

  test('an error given to end() reaches the reader after what was queued', async () => {
    const channel = new Channel<number>();
    channel.push(1);
    channel.end(new Error('gone'));
    expect(await channel.next()).toEqual({ value: 1, done: false });
    await expect(channel.next()).rejects.toThrow('gone');
    expect(await channel.next()).toEqual({ value: undefined, done: true });
  });

  test('more unread values than the limit end it with ChannelOverflowError', async () => {
    let closed = false;
    const channel = new Channel<number>({ limit: 2, onClose: () => (closed = true) });
    channel.push(1);
    channel.push(2);
    channel.push(3);
    expect(channel.isOpen).toBe(false);
    expect(await channel.next()).toEqual({ value: 1, done: false });
    expect(await channel.next()).toEqual({ value: 2, done: false });
    await expect(channel.next()).rejects.toBeInstanceOf(ChannelOverflowError);
    expect(closed).toBe(true);
  });
});
