/** Saves text as a file through a temporary link (works offline; nothing leaves the device). */
export function downloadText(name: string, mime: string, content: string): void {
  downloadBlob(name, new Blob([content], { type: `${mime};charset=utf-8` }));
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
