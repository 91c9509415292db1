import { createSnapshotBuilder, SNAPSHOT_LIMITS, skipReasonForPath } from '../../../lambda/core/adapters/snapshot-filter';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('snapshot filter', () => {
  it('rules out dependency folders, binary extensions and lock files by path alone', () => {
    expect(skipReasonForPath('src/App.tsx')).toBeUndefined();
    expect(skipReasonForPath('public/logo.svg')).toBeUndefined();
    expect(skipReasonForPath('packages/web/node_modules/react/index.js')).toEqual({ path: 'packages/web/node_modules/', reason: 'node_modules folder' });
    expect(skipReasonForPath('.git/config')).toEqual({ path: '.git/', reason: '.git folder' });
    expect(skipReasonForPath('fonts/Inter.WOFF2')).toEqual({ path: 'fonts/Inter.WOFF2', reason: 'binary (.woff2)' });
    expect(skipReasonForPath('apps/site/pnpm-lock.yaml')).toEqual({ path: 'apps/site/pnpm-lock.yaml', reason: 'lock file' });
  });

  it('stops adding at the file count or the total size, and records every file after as over the budget', () => {
    const builder = createSnapshotBuilder('c', { ...SNAPSHOT_LIMITS, maxFiles: 2, maxTotalBytes: 10 });
    for (const [path, text] of [['a', '1234'], ['b', '5678'], ['c', '9'], ['d', '0']] as const) {
      if (builder.wants(path, text.length)) builder.add(path, bytes(text));
    }
    const snapshot = builder.finish();
    expect([...snapshot.files.keys()]).toEqual(['a', 'b']);
    expect(snapshot.skipped.map((s) => s.path)).toEqual(['c', 'd']);
    expect(snapshot.skipped[0].reason).toBe('over the snapshot budget (1 KB or 2 files)');

    const bySize = createSnapshotBuilder('c', { ...SNAPSHOT_LIMITS, maxTotalBytes: 6 });
    for (const [path, text] of [['a', '1234'], ['b', '5678'], ['c', '9']] as const) {
      if (bySize.wants(path, text.length)) bySize.add(path, bytes(text));
    }
    expect([...bySize.finish().files.keys()]).toEqual(['a']);
    expect(bySize.full).toBe(true);
  });

  it('uses the documented figures', () => {
    expect(SNAPSHOT_LIMITS).toEqual({ maxFileBytes: 512 * 1024, maxTotalBytes: 20 * 1024 * 1024, maxFiles: 8000, sniffBytes: 8192 });
  });
});
