import { useState } from 'react';
import { errorMessage } from '../../services/api-errors.ts';
import { useDb } from '../../services/db-context.tsx';
import { downloadText } from '../../utils/download.ts';
import { Alert } from '../common/alert.tsx';
import { Button } from '../common/button.tsx';
import { Dialog } from '../common/dialog.tsx';

/** "Download my data": everything on this device, as one JSON file or CSV files per table. */
export function DownloadDataDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Download my data"
      description="A copy of all your data on this device, including changes not synced yet. It works offline."
    >
      <DownloadDataButtons />
    </Dialog>
  );
}

export function DownloadDataButtons() {
  const db = useDb();
  const [busy, setBusy] = useState<'json' | 'csv' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (format: 'json' | 'csv') => {
    setBusy(format);
    setError(null);
    setDone(null);
    try {
      const files = await db.exportAllData(format);
      for (const f of files) downloadText(f.name, f.mime, f.content);
      setDone(`Saved ${files.map((f) => f.name).join(', ')}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="stack">
      <div className="row">
        <Button onClick={() => void run('json')} loading={busy === 'json'}>
          Download JSON
        </Button>
        <Button variant="outline" onClick={() => void run('csv')} loading={busy === 'csv'}>
          Download CSV
        </Button>
      </div>
      {done && <Alert severity="success">{done}</Alert>}
      {error && <Alert severity="error">{error}</Alert>}
    </div>
  );
}
