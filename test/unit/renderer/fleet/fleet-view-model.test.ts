// Pure parts of the fleet UI: the audit filters as a query, argv as a readable command line
// (properties: always one shell word per argument), access badges and their tooltips, and the
// jobs and host-key stores.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessStatusView, HostKeyPromptView, JobView } from '../../../../core/ipc/contract';
import { accessBadge, accessSummary } from '../../../../renderer/src/components/access/access-text';
import { useHostKeyStore } from '../../../../renderer/src/components/hostkey/hostkey-store';
import { useJobsStore } from '../../../../renderer/src/components/jobs/jobs-store';
import { auditQuery, localToIso, shellLine } from '../../../../renderer/src/views/audit/audit-query';
import { DEFAULT_AUDIT_FILTERS } from '../../../../renderer/src/views/audit/audit-store';
import { newPassphraseProblem } from '../../../../renderer/src/views/vault/passphrase-rules';

/** Split a line the way a POSIX shell would for the quoting shellLine produces ('…' and '\''). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (ch === ' ') {
      if (cur !== null) words.push(cur);
      cur = null;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      cur = (cur ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '\\') {
      cur = (cur ?? '') + (line[i + 1] ?? '');
      i++;
    } else cur = (cur ?? '') + ch;
  }
  if (cur !== null) words.push(cur);
  return words;
}

describe('audit filters as a query', () => {
  it('sends only what is set, trimmed, with times as ISO instants', () => {
    expect(auditQuery(DEFAULT_AUDIT_FILTERS)).toEqual({ query: { limit: 1000 }, problems: [] });
    const { query, problems } = auditQuery({
      ...DEFAULT_AUDIT_FILTERS,
      domain: 'mgmt',
      host: ' c1 ',
      text: '  virsh ',
      since: '2024-05-01T10:00',
      until: '2024-05-02T10:00',
      limit: 100,
    });
    expect(problems).toEqual([]);
    expect(query).toEqual({
      domain: 'mgmt',
      host: 'c1',
      text: 'virsh',
      since: new Date('2024-05-01T10:00').toISOString(),
      until: new Date('2024-05-02T10:00').toISOString(),
      limit: 100,
    });
  });

  it('names bad or reversed times', () => {
    expect(localToIso('not a time')).toBeNull();
    expect(auditQuery({ ...DEFAULT_AUDIT_FILTERS, since: 'garbage' }).problems).toEqual([
      'From: not a valid date and time',
    ]);
    expect(
      auditQuery({ ...DEFAULT_AUDIT_FILTERS, since: '2024-05-02T10:00', until: '2024-05-01T10:00' }).problems,
    ).toEqual(['From must be before Until']);
  });
});

describe('shellLine', () => {
  it('reads plainly when nothing needs quoting', () => {
    expect(shellLine(['virsh', 'dominfo', 'web-1'])).toBe('virsh dominfo web-1');
    expect(shellLine(['echo', "it's", ''])).toBe(`echo 'it'\\''s' ''`);
  });

  it('gives back exactly the argv when split as a shell would', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme-ascii' }), { minLength: 1, maxLength: 6 }), (argv) => {
        expect(shellWords(shellLine(argv))).toEqual(argv);
      }),
    );
  });
});

const status = (o: Partial<AccessStatusView>): AccessStatusView => ({
  domain: 'mgmt',
  name: 'c1',
  address: '10.0.0.1:22',
  state: 'unknown',
  lastCheckAt: null,
  lastSuccessAt: null,
  lastFailure: null,
  consecutiveFailures: 0,
  ...o,
});

describe('access badges', () => {
  it('reads the state and puts the reason in the tooltip', () => {
    expect(accessBadge(status({}))).toBeNull();
    expect(accessBadge(status({ state: 'ok' }))).toEqual({ text: 'login ok', tone: 'ok' });
    expect(accessBadge(status({ state: 'failing' }))?.tone).toBe('danger');
    const s = accessSummary(
      status({
        state: 'failing',
        lastSuccessAt: '2024-05-01T10:00:00Z',
        lastCheckAt: '2024-05-01T11:00:00Z',
        lastFailure: {
          at: '2024-05-01T11:00:00Z',
          code: 'auth-failed',
          reason: 'authentication as "root" failed',
        },
        consecutiveFailures: 3,
      }),
    );
    expect(s).toContain('Last failure');
    expect(s).toContain('authentication as "root" failed');
    expect(s).toContain('3 failures in a row');
    expect(
      accessSummary(
        status({
          state: 'skipped',
          lastFailure: { at: '2024-05-01T11:00:00Z', code: 'vault-locked', reason: 'locked' },
        }),
      ),
    ).toContain('Not checked');
    expect(accessSummary(status({}))).toBe('Last successful login: never');
  });
});

const job = (id: number, state: JobView['state'], at: string): JobView => ({
  id: `job-${id}`,
  kind: 'ssh.test',
  title: `job ${id}`,
  state,
  createdAt: at,
  log: [],
});

describe('jobs store', () => {
  it('keeps jobs newest first, opens for a new job and folds only what it opened itself', () => {
    const s = useJobsStore;
    s.setState({ jobs: [], open: false, autoOpened: false });
    s.getState().upsert(job(1, 'running', '2024-05-01T10:00:00.000Z'));
    expect(s.getState()).toMatchObject({ open: true, autoOpened: true });
    s.getState().upsert(job(2, 'queued', '2024-05-01T10:00:00.000Z'));
    s.getState().upsert(job(1, 'succeeded', '2024-05-01T10:00:00.000Z'));
    expect(s.getState().jobs.map((j) => [j.id, j.state])).toEqual([
      ['job-2', 'queued'],
      ['job-1', 'succeeded'],
    ]);
    s.getState().fold();
    expect(s.getState().open).toBe(false);
    s.getState().setOpen(true);
    s.getState().fold();
    expect(s.getState().open).toBe(true);
  });
});

describe('host-key store', () => {
  it('shows each prompt once, oldest first, until closed', () => {
    const p = (id: string): HostKeyPromptView => ({
      promptId: id,
      kind: 'unknown',
      domain: 'mgmt',
      container: 'c1',
      host: '10.0.0.1',
      port: 22,
      keyType: 'ssh-ed25519',
      fingerprint: `SHA256:${'A'.repeat(43)}`,
      expiresAt: '2024-05-01T10:00:00.000Z',
    });
    const s = useHostKeyStore;
    s.getState().setAll([]);
    s.getState().add(p('a'));
    s.getState().add(p('b'));
    s.getState().add(p('a'));
    expect(s.getState().prompts.map((x) => x.promptId)).toEqual(['a', 'b']);
    s.getState().remove('a');
    expect(s.getState().prompts.map((x) => x.promptId)).toEqual(['b']);
  });
});

describe('new passphrases', () => {
  it('needs 8 characters (counted as characters, not bytes) typed the same twice', () => {
    expect(newPassphraseProblem('', '')).toBeNull();
    expect(newPassphraseProblem('short', '')).toBe('At least 8 characters');
    expect(newPassphraseProblem('ééééééé', '')).toBe('At least 8 characters');
    expect(newPassphraseProblem('long enough', 'long enougH')).toBe('The two passphrases differ');
    expect(newPassphraseProblem('long enough', 'long enough')).toBeNull();
  });
});
