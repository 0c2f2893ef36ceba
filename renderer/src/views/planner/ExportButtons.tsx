// Export the plan as JSON (everything), CSV (the ordered steps) or Markdown (a report).
import { downloadText } from './download';
import { EXPORT_TYPES, exportFileName, exportText, type ExportFormat } from './plan-export';
import type { PlanResult } from './planner-store';

const FORMATS: readonly ExportFormat[] = ['json', 'csv', 'markdown'];

export function ExportButtons({ result }: { result: PlanResult }) {
  const save = (format: ExportFormat) =>
    downloadText(
      exportFileName(result.siteFile, result.request, format),
      EXPORT_TYPES[format].mime,
      exportText(format, result),
    );
  return (
    <div className="planner-export" role="group" aria-label="Export the plan">
      <span className="muted small">Export</span>
      {FORMATS.map((f) => (
        <button key={f} type="button" className="btn btn-small" onClick={() => save(f)}>
          {EXPORT_TYPES[f].label}
        </button>
      ))}
    </div>
  );
}
