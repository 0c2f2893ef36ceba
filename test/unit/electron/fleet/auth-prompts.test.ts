// Login questions (one-time codes) from the pool to the user and back: answers reach the waiting
// login, Cancel and a timeout are refusals, a wrong count or an oversized answer is refused with
// the prompt left open, an unknown id is "not-found", an abandoned login or a cancelled job
// closes the dialog, and no event carries an answer. Through the contract too: auth.answer is
// validated by its schema, then by the open prompt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthPromptView } from '../../../../core/ipc/contract';
import { parseRequest } from '../../../../core/ipc/contract';
import type { AuthQuestion } from '../../../../core/ssh/auth-prompt';
import type { AnyEvent } from '../../../../electron/handlers/event-bus';
import { EventBus } from '../../../../electron/handlers/event-bus';
import { AuthPrompts } from '../../../../electron/handlers/fleet/auth-prompts';
import type { FleetSetup } from './fleet-setup';
import { fleetSetup } from './fleet-setup';

function setup(timeoutMs = 60_000) {
  const events: AnyEvent[] = [];
  const bus = new EventBus();
  bus.subscribe((e) => events.push(e));
  let n = 0;
  const prompts = new AuthPrompts({ events: bus, timeoutMs, newId: () => `a${++n}` });
  const opened = () => events.filter((e) => e.name === 'auth.prompt').map((e) => e.payload as AuthPromptView);
  const closed = () => events.filter((e) => e.name === 'auth.closed').map((e) => e.payload);
  return { prompts, events, opened, closed };
}

const question: AuthQuestion = {
  domain: 'hpc',
  container: 'c1',
  host: '10.0.0.1',
  port: 22,
  user: 'root',
  credential: 'admin key',
  name: 'Duo',
  instructions: 'Enter the code from your token',
  prompts: [
    { text: 'Verification code:', echo: false },
    { text: 'Remember this device (yes/no):', echo: true },
  ],
};

describe('AuthPrompts', () => {
  it('shows who asks and what, and hands the answers to the waiting login only', async () => {
    const s = setup();
    const answers = s.prompts.answer(question, new AbortController().signal);
    expect(s.opened()).toEqual([{ ...question, promptId: 'a1', expiresAt: expect.any(String) as string }]);
    expect(s.prompts.pending()).toEqual(s.opened());
    expect(s.prompts.submit('a1', ['493817', 'no'])).toEqual({ promptId: 'a1', answered: true });
    await expect(answers).resolves.toEqual(['493817', 'no']);
    expect(s.closed()).toEqual([{ promptId: 'a1', reason: 'answered' }]);
    expect(s.prompts.pending()).toEqual([]);
    expect(JSON.stringify(s.events)).not.toContain('493817');
    expect(() => s.prompts.submit('a1', ['1', '2'])).toThrow(/no longer open/);
  });

  it('Cancel is a refusal', async () => {
    const s = setup();
    const answers = s.prompts.answer(question, new AbortController().signal);
    expect(s.prompts.submit('a1', null)).toEqual({ promptId: 'a1', answered: false });
    await expect(answers).resolves.toBeNull();
    expect(s.closed()).toEqual([{ promptId: 'a1', reason: 'answered' }]);
  });

  it('no answer in time is a refusal', async () => {
    const s = setup(40);
    await expect(s.prompts.answer(question, new AbortController().signal)).resolves.toBeNull();
    expect(s.closed()).toEqual([{ promptId: 'a1', reason: 'timeout' }]);
    expect(() => s.prompts.submit('a1', ['1', '2'])).toThrow(/no longer open/);
  });

  it('a wrong count or an oversized answer is refused and the prompt stays open', async () => {
    const s = setup();
    const answers = s.prompts.answer(question, new AbortController().signal);
    expect(() => s.prompts.submit('a1', ['1'])).toThrow(/1 answers were given for 2 prompts/);
    expect(() => s.prompts.submit('a1', ['1', '2', '3'])).toThrow(/3 answers were given for 2 prompts/);
    // 600 two-byte characters: within the schema's 1024 characters, over 1 KiB.
    expect(() => s.prompts.submit('a1', ['é'.repeat(600), 'no'])).toThrow(
      /answer 1 is longer than 1024 bytes/,
    );
    expect(s.prompts.pending()).toHaveLength(1);
    s.prompts.submit('a1', ['1', 'no']);
    await expect(answers).resolves.toEqual(['1', 'no']);
  });

  it('an unknown id is not-found', () => {
    const s = setup();
    expect(() => s.prompts.submit('nope', ['1'])).toThrow(
      expect.objectContaining({ code: 'not-found' }) as unknown as Error,
    );
  });

  it('an abandoned login, a cancelled job and shutdown close their dialogs', async () => {
    const s = setup();
    const ac = new AbortController();
    const abandoned = s.prompts.answer(question, ac.signal);
    const other = s.prompts.answer({ ...question, host: '10.0.0.2' }, new AbortController().signal);
    const cancelled = s.prompts.answer(question, new AbortController().signal);
    const last = s.prompts.answer({ ...question, port: 2222 }, new AbortController().signal);
    ac.abort();
    await expect(abandoned).resolves.toBeNull();
    expect(s.closed()).toEqual([{ promptId: 'a1', reason: 'cancelled' }]);
    // Each question is its own dialog (a code serves one login only).
    expect(s.opened().map((p) => p.promptId)).toEqual(['a1', 'a2', 'a3', 'a4']);
    s.prompts.cancelFor('hpc', '10.0.0.1', 22);
    await expect(cancelled).resolves.toBeNull();
    expect(s.prompts.pending().map((p) => p.promptId)).toEqual(['a2', 'a4']);
    s.prompts.closeAll();
    await expect(other).resolves.toBeNull();
    await expect(last).resolves.toBeNull();
    expect(s.prompts.pending()).toEqual([]);
    // Already aborted: never shown.
    const gone = new AbortController();
    gone.abort();
    await expect(s.prompts.answer(question, gone.signal)).resolves.toBeNull();
    expect(s.opened()).toHaveLength(4);
  });

  it('tells listeners (a job) about each new prompt', () => {
    const s = setup();
    const seen: string[] = [];
    const off = s.prompts.onPrompt((v) => seen.push(`${v.container}: ${v.prompts[0]?.text ?? ''}`));
    void s.prompts.answer(question, new AbortController().signal);
    off();
    void s.prompts.answer(question, new AbortController().signal);
    expect(seen).toEqual(['c1: Verification code:']);
    s.prompts.closeAll();
  });
});

describe('auth.* requests', () => {
  let t: FleetSetup;
  beforeAll(async () => {
    t = await fleetSetup();
  });
  afterAll(() => t.dispose());

  it('the schema bounds answers; an unknown prompt is not-found', async () => {
    expect(await t.ok('auth.pending', {})).toEqual([]);
    for (const payload of [
      { promptId: 'x', answers: ['x'.repeat(1025)] },
      { promptId: 'x', answers: Array(9).fill('1') as string[] },
      { promptId: 'x', answers: [1 as unknown as string] },
      { promptId: 'x' } as { promptId: string; answers: null },
      { promptId: 'x', answers: null, decision: 'trust' } as { promptId: string; answers: null },
    ]) {
      expect((await t.fail('auth.answer', payload)).code).toBe('invalid-request');
    }
    expect(await t.fail('auth.answer', { promptId: 'nope', answers: ['123456'] })).toMatchObject({
      code: 'not-found',
    });
    expect(parseRequest('auth.answer', { promptId: 'a', answers: null })).toEqual({
      promptId: 'a',
      answers: null,
    });
  });
});
