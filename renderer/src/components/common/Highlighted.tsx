// A name with the parts that matched the search marked.
import { highlight } from '../../view-model/highlight';

export function Highlighted({ text, needles }: { text: string; needles: readonly string[] }) {
  if (needles.length === 0) return <>{text}</>;
  return (
    <>
      {highlight(text, needles).map((s, i) =>
        s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}
