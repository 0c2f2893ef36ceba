// Saving an export: a download of a Blob made in the page. Nothing goes through main, so no
// path or file content crosses the IPC boundary and size is not limited by it; the CSP does
// not govern downloads (no new directive is needed), and the browser (or Electron's default
// download handling) asks where to save.
export function downloadText(fileName: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download by now; the URL is not needed any more.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
