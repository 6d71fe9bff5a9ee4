// Pure parts of the code view's page: virtual scrolling maths, tree rows, quick-open input, languages.
import { describe, expect, it } from 'vitest';
import type { TreeEntry } from '../../../shared/contract';
import { languageForPath, languageForShebang } from '../../../renderer/src/features/code/highlight/languages';
import { splitLineSuffix } from '../../../renderer/src/features/code/quick-open-query';
import { isLineVisible, MAX_SCROLL_PX, scrollHeight, scrollTopFor, visibleWindow } from '../../../renderer/src/features/code/scroll-math';
import { ancestorsOf, flattenTree, moveSelection } from '../../../renderer/src/features/code/tree-model';

describe('scroll maths', () => {
  const small = { lineCount: 1000, lineHeight: 20, viewportHeight: 400 };
  const huge = { lineCount: 1_000_000, lineHeight: 20, viewportHeight: 400 };

  it('scrolls 1:1 while the content fits in the browser', () => {
    expect(scrollHeight(small)).toBe(20_000);
    expect(visibleWindow(0, small)).toEqual({ first: 0, end: 21, offsetPx: 0 });
    expect(visibleWindow(210, small)).toEqual({ first: 10, end: 32, offsetPx: -10 });
  });

  it('compresses the scroll range of a 1,000,000-line file and still reaches both ends', () => {
    expect(scrollHeight(huge)).toBe(MAX_SCROLL_PX);
    const max = MAX_SCROLL_PX - huge.viewportHeight;
    expect(visibleWindow(0, huge).first).toBe(0);
    const bottom = visibleWindow(max, huge);
    expect(bottom.end).toBe(huge.lineCount);
    expect(bottom.first).toBe(huge.lineCount - 20);
    // Half way down the scrollbar is half way through the file.
    expect(visibleWindow(max / 2, huge).first).toBeCloseTo(huge.lineCount / 2 - 10, -1);
  });

  it('puts a target line on screen, in both modes', () => {
    for (const g of [small, huge]) {
      for (const target of [0, 499, g.lineCount - 1]) {
        const win = visibleWindow(scrollTopFor(target, g), g);
        expect(isLineVisible(target, win, g)).toBe(true);
      }
    }
    const win = visibleWindow(scrollTopFor(500_000, huge), huge);
    expect(isLineVisible(500_000, win, huge)).toBe(true);
    expect(isLineVisible(0, win, huge)).toBe(false);
  });

  it('handles a file shorter than the screen and an empty one', () => {
    const short = { lineCount: 5, lineHeight: 20, viewportHeight: 400 };
    expect(visibleWindow(0, short)).toEqual({ first: 0, end: 5, offsetPx: 0 });
    expect(scrollTopFor(4, short)).toBe(0);
    expect(visibleWindow(0, { lineCount: 0, lineHeight: 20, viewportHeight: 400 }).end).toBe(0);
  });
});

describe('tree rows', () => {
  const entry = (p: string, kind: TreeEntry['kind'] = 'file'): TreeEntry => ({ name: p.slice(p.lastIndexOf('/') + 1), path: p, kind, decoration: null });
  const children = new Map<string, TreeEntry[]>([
    ['', [entry('src', 'dir'), entry('docs', 'dir'), entry('README.md')]],
    ['src', [entry('src/lib', 'dir'), entry('src/app.ts')]],
    ['src/lib', [entry('src/lib/a.ts')]],
  ]);

  it('flattens expanded folders depth-first and marks folders still loading', () => {
    const rows = flattenTree(children, new Set(['src', 'src/lib', 'docs']));
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.entry.name}${r.loading ? ' …' : ''}`)).toEqual(['src', '  lib', '    a.ts', '  app.ts', 'docs …', 'README.md']);
    expect(flattenTree(children, new Set()).map((r) => r.entry.name)).toEqual(['src', 'docs', 'README.md']);
  });

  it('moves with the keyboard, Left going to the parent', () => {
    const rows = flattenTree(children, new Set(['src', 'src/lib']));
    expect(moveSelection(rows, 0, 'ArrowDown')).toBe(1);
    expect(moveSelection(rows, 0, 'ArrowUp')).toBe(0);
    expect(moveSelection(rows, 2, 'ArrowLeft')).toBe(1); // a.ts → lib
    expect(moveSelection(rows, 1, 'ArrowLeft')).toBeNull(); // open folder: the caller collapses it
    expect(moveSelection(rows, 0, 'End')).toBe(rows.length - 1);
  });

  it('lists the folders above a path', () => {
    expect(ancestorsOf('a/b/c.ts')).toEqual(['a', 'a/b']);
    expect(ancestorsOf('top.ts')).toEqual([]);
  });
});

describe('quick-open input', () => {
  it('splits a line and column off the end', () => {
    expect(splitLineSuffix('math:42')).toEqual({ query: 'math', line: 42, column: null });
    expect(splitLineSuffix('src/app.ts:7:3')).toEqual({ query: 'src/app.ts', line: 7, column: 3 });
    expect(splitLineSuffix('app.ts:')).toEqual({ query: 'app.ts', line: null, column: null });
    expect(splitLineSuffix('plain')).toEqual({ query: 'plain', line: null, column: null });
  });
});

describe('languages', () => {
  it('names the grammar by extension, file name, or shebang', () => {
    expect(languageForPath('src/App.tsx')).toBe('tsx');
    expect(languageForPath('a/b/main.rs')).toBe('rust');
    expect(languageForPath('Dockerfile')).toBe('dockerfile');
    expect(languageForPath('docker/Dockerfile.dev')).toBe('dockerfile');
    expect(languageForPath('tsconfig.json')).toBe('jsonc');
    expect(languageForPath('CMakeLists.txt')).toBe('cmake');
    expect(languageForPath('notes.txt')).toBeNull();
    expect(languageForPath('LICENSE')).toBeNull();
    expect(languageForShebang('#!/usr/bin/env python3')).toBe('python');
    expect(languageForShebang('#!/bin/bash -e')).toBe('shellscript');
    expect(languageForShebang('#!/usr/bin/env -S node --no-warnings')).toBe('javascript');
    expect(languageForShebang('echo hi')).toBeNull();
  });
});
