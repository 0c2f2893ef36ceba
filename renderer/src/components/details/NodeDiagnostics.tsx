// The site-file findings about one node, with their locations.
import { useDiagnosticsByNode } from '../../store/derived';
import { diagnosticLocation } from '../../view-model/diagnostic-target';
import { Section } from './Section';

export function NodeDiagnostics({ nodeKey }: { nodeKey: string }) {
  const list = useDiagnosticsByNode().get(nodeKey);
  if (!list || list.length === 0) return null;
  return (
    <Section title="Problems in the site file" tone="bad">
      <ul className="node-diagnostics">
        {list.map((d, i) => (
          <li key={i}>
            <code className="diagnostic-location">{diagnosticLocation(d)}</code>
            <span>{d.message}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
