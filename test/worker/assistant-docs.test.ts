import { describe, expect, it } from 'vitest';
import { loadBundledDocs } from '../../worker/assistant/bundled-docs';

describe('the documents bundled into the worker (Text modules)', () => {
  it('load as text inside workerd: the README and every docs/*.md', async () => {
    const docs = await loadBundledDocs();
    expect(docs.find((d) => d.path === 'README.md')?.text).toMatch(/^# Edgeward/);
    expect(docs.find((d) => d.path === 'docs/assistant.md')?.text).toContain('# The assistant: /ask');
    for (const doc of docs) expect(doc.text.length, doc.path).toBeGreaterThan(100);
  });
});
