import { MessageFlags } from 'discord.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { Sitrep } from '../../src/sitrep.js';
import { RESTARTING } from '../../src/bot/reply.js';
import { embedText, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterAll(async () => {
  await h?.close();
});

describe('graceful shutdown', () => {
  it('stops taking new work, finishes the answers in flight, then closes the connection', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // Answers are held until the gate opens, so that they are surely in flight when the stop begins.
    const hold = (s: Sitrep): Sitrep => ({ ...s, answer: async (q) => (await gate, s.answer(q)) });
    h = await startHarness({}, { wrapSitrep: hold });

    const inFlight = Array.from({ length: 5 }, () => h!.ask('How many attacks since Oct 17?'));
    await Promise.all(inFlight.map((i) => h!.callback(i)));
    const stopped = h.bot.stop('SIGTERM');

    const late = h.ask('Who claimed the drone attack on Ain al-Asad?');
    expect((await h.callback(late)).body).toMatchObject({ type: 4, data: { content: RESTARTING, flags: MessageFlags.Ephemeral } });
    expect(h.fake.gateway.connected()).toBe(true);

    release();
    await stopped;
    for (const i of inFlight) {
      const edit = h.fake.requestsFor(i).find((r) => r.method === 'PATCH');
      expect(embedText(edit?.body)).toContain('78');
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.gateway.connected()).toBe(false);
    expect(h.logs.some((l) => l.includes('"bot stopped"'))).toBe(true);
  });
});
