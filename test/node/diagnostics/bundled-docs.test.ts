import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { root } from '../../../bench/setup';
import { markdownPassages } from '../../../worker/assistant/chunk';

describe('the documents bundled for /ask', () => {
  it('lists the README and every docs/*.md (add new ones to worker/assistant/bundled-docs.ts)', () => {
    const source = readFileSync(`${root}worker/assistant/bundled-docs.ts`, 'utf8');
    const listed = [...source.matchAll(/\['([^']+\.md)', \(\) => import\('\.\.\/\.\.\/([^']+)'\)\]/g)];
    for (const [, path, imported] of listed) expect(imported).toBe(path);
    const expected = [
      'README.md',
      ...readdirSync(`${root}docs`)
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    expect(listed.map((m) => m[1]).sort()).toEqual(expected.sort());
  });

  it('splits a document into passages by heading, with the heading path as title', () => {
    const passages = markdownPassages(
      'docs/x.md',
      '# Title\nIntro.\n\n## Part A\nText A.\n\n```sh\n# not a heading\n```\n\n### Detail\nText B.\n\n## Part B\nText C.',
    );
    expect(passages.map((p) => p.title)).toEqual([
      'docs/x.md › Title',
      'docs/x.md › Title › Part A',
      'docs/x.md › Title › Part A › Detail',
      'docs/x.md › Title › Part B',
    ]);
    expect(passages[1]?.body).toContain('# not a heading');
  });

  it('cuts long sections at paragraphs, each passage at most 1400 characters', () => {
    const long = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} ${'x'.repeat(200)}`).join('\n\n');
    const passages = markdownPassages('README.md', `## Long\n${long}`);
    expect(passages.length).toBeGreaterThan(3);
    expect(passages.every((p) => p.body.length <= 1400)).toBe(true);
    expect(passages.map((p) => p.body).join('\n\n')).toBe(long);
  });
});
