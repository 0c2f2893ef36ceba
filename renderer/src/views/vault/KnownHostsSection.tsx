// The host keys a domain trusts (fingerprints only), removing one (how a re-installed host is
// accepted after a hard stop), and importing from ~/.ssh/known_hosts for the domain's hosts.
import { useEffect, useState } from 'react';
import type { KnownHostView, KnownHostsImportView } from '../../../../core/ipc/contract';
import { errorMessage, getApi } from '../../api';
import { useHostKeyStore } from '../../components/hostkey/hostkey-store';
import { FormError, InlineConfirm } from '../../components/common/FormBits';
import { useSubmit } from '../../components/common/use-submit';

function importSummary(r: KnownHostsImportView): string {
  const parts = [`${r.imported.length} imported`, `${r.alreadyKnown} already known`];
  if (r.conflicts.length) parts.push(`${r.conflicts.length} conflicting (kept the current key)`);
  if (r.skipped.length) parts.push(`${r.skipped.length} skipped`);
  if (r.problems.length) parts.push(`${r.problems.length} unreadable lines`);
  return parts.join(', ');
}

export function KnownHostsSection({ domain }: { domain: string }) {
  const [hosts, setHosts] = useState<KnownHostView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const submit = useSubmit();
  // A trusted host key adds an entry: re-read when a host-key question ends.
  const openPrompts = useHostKeyStore((s) => s.prompts.length);

  // Bumped to read the list again (after a change made here).
  const [reads, setReads] = useState(0);
  const load = () => setReads((n) => n + 1);
  useEffect(() => {
    let live = true;
    getApi()
      .knownHosts.list({ domain })
      .then(
        (list) => {
          if (!live) return;
          setHosts(list);
          setLoadError(null);
        },
        (e: unknown) => {
          if (live) setLoadError(errorMessage(e));
        },
      );
    return () => {
      live = false;
    };
  }, [domain, openPrompts, reads]);

  const remove = (h: KnownHostView) =>
    void submit.run(async () => {
      await getApi().knownHosts.remove({ domain, host: h.host, port: h.port, keyType: h.keyType });
      setConfirm(null);
      load();
    });
  const importKnown = () =>
    void submit.run(async () => {
      setSummary(importSummary(await getApi().knownHosts.importOpenSsh({ domain })));
      load();
    });

  return (
    <div className="known-hosts">
      <FormError error={loadError} />
      {hosts && hosts.length === 0 && <p className="muted">No host keys trusted yet in {domain}.</p>}
      {hosts && hosts.length > 0 && (
        <table className="details-table known-hosts-table">
          <thead>
            <tr>
              <th scope="col">Host</th>
              <th scope="col">Key</th>
              <th scope="col">Fingerprint</th>
              <th scope="col">Trusted</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hosts.map((h) => {
              const id = `${h.host}:${h.port}:${h.keyType}`;
              return (
                <tr key={id}>
                  <td>
                    <code>
                      {h.host}:{h.port}
                    </code>
                  </td>
                  <td>{h.keyType}</td>
                  <td>
                    <code className="fingerprint">{h.fingerprint}</code>
                  </td>
                  <td title={h.addedAt}>{h.source === 'imported' ? 'imported' : 'accepted'}</td>
                  <td>
                    {confirm === id ? (
                      <InlineConfirm
                        label={`Forget the ${h.keyType} key of ${h.host}:${h.port}?`}
                        confirmText="Forget key"
                        busy={submit.busy}
                        onConfirm={() => remove(h)}
                        onKeep={() => setConfirm(null)}
                      />
                    ) : (
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Forget the ${h.keyType} key of ${h.host}:${h.port}`}
                        onClick={() => setConfirm(id)}
                      >
                        Forget
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="form-actions">
        <button type="button" className="btn" disabled={submit.busy} onClick={importKnown}>
          Import from ~/.ssh/known_hosts
        </button>
        <button type="button" className="btn" onClick={load}>
          Refresh
        </button>
      </div>
      {summary && (
        <p className="form-ok" role="status">
          {summary}
        </p>
      )}
      <FormError error={submit.error} />
    </div>
  );
}
