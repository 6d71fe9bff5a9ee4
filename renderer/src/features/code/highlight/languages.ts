/**
 * Which grammar colours a file, from its name. Pure: the viewer, the review panel and the worker
 * agree through it. The ids are Shiki's; the worker loads only the grammars that are used.
 */

export type LanguageId =
  | 'typescript'
  | 'tsx'
  | 'javascript'
  | 'jsx'
  | 'json'
  | 'jsonc'
  | 'python'
  | 'rust'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'swift'
  | 'c'
  | 'cpp'
  | 'csharp'
  | 'objective-c'
  | 'ruby'
  | 'php'
  | 'shellscript'
  | 'fish'
  | 'powershell'
  | 'bat'
  | 'html'
  | 'css'
  | 'scss'
  | 'less'
  | 'vue'
  | 'svelte'
  | 'astro'
  | 'markdown'
  | 'mdx'
  | 'yaml'
  | 'toml'
  | 'xml'
  | 'sql'
  | 'graphql'
  | 'dockerfile'
  | 'make'
  | 'cmake'
  | 'ini'
  | 'diff'
  | 'lua'
  | 'dart'
  | 'elixir'
  | 'erlang'
  | 'haskell'
  | 'scala'
  | 'clojure'
  | 'r'
  | 'perl'
  | 'zig'
  | 'nix'
  | 'proto'
  | 'hcl'
  | 'groovy'
  | 'latex'
  | 'prisma'
  | 'viml';

const BY_EXTENSION: Record<string, LanguageId> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'jsx',
  json: 'json',
  jsonc: 'jsonc',
  json5: 'jsonc',
  py: 'python',
  pyi: 'python',
  pyw: 'python',
  rs: 'rust',
  go: 'go',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  swift: 'swift',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  hxx: 'cpp',
  ino: 'cpp',
  cs: 'csharp',
  m: 'objective-c',
  mm: 'objective-c',
  rb: 'ruby',
  rake: 'ruby',
  gemspec: 'ruby',
  php: 'php',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  ksh: 'shellscript',
  fish: 'fish',
  ps1: 'powershell',
  psm1: 'powershell',
  bat: 'bat',
  cmd: 'bat',
  html: 'html',
  htm: 'html',
  css: 'css',
  scss: 'scss',
  sass: 'scss',
  less: 'less',
  vue: 'vue',
  svelte: 'svelte',
  astro: 'astro',
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'mdx',
  yml: 'yaml',
  yaml: 'yaml',
  toml: 'toml',
  xml: 'xml',
  svg: 'xml',
  plist: 'xml',
  csproj: 'xml',
  xaml: 'xml',
  sql: 'sql',
  graphql: 'graphql',
  gql: 'graphql',
  dockerfile: 'dockerfile',
  mk: 'make',
  cmake: 'cmake',
  ini: 'ini',
  cfg: 'ini',
  conf: 'ini',
  properties: 'ini',
  diff: 'diff',
  patch: 'diff',
  lua: 'lua',
  dart: 'dart',
  ex: 'elixir',
  exs: 'elixir',
  erl: 'erlang',
  hrl: 'erlang',
  hs: 'haskell',
  scala: 'scala',
  sc: 'scala',
  clj: 'clojure',
  cljs: 'clojure',
  edn: 'clojure',
  r: 'r',
  pl: 'perl',
  pm: 'perl',
  zig: 'zig',
  nix: 'nix',
  proto: 'proto',
  tf: 'hcl',
  hcl: 'hcl',
  groovy: 'groovy',
  gradle: 'groovy',
  tex: 'latex',
  prisma: 'prisma',
  vim: 'viml',
};

const BY_NAME: Record<string, LanguageId> = {
  dockerfile: 'dockerfile',
  containerfile: 'dockerfile',
  makefile: 'make',
  gnumakefile: 'make',
  'cmakelists.txt': 'cmake',
  gemfile: 'ruby',
  rakefile: 'ruby',
  vagrantfile: 'ruby',
  podfile: 'ruby',
  '.bashrc': 'shellscript',
  '.bash_profile': 'shellscript',
  '.profile': 'shellscript',
  '.zshrc': 'shellscript',
  '.envrc': 'shellscript',
  '.editorconfig': 'ini',
  '.gitconfig': 'ini',
  '.npmrc': 'ini',
  'tsconfig.json': 'jsonc',
  'jsconfig.json': 'jsonc',
  '.eslintrc.json': 'jsonc',
  '.vimrc': 'viml',
  jenkinsfile: 'groovy',
};

/** The language of a file by its name ("src/App.tsx" → "tsx"), or null for plain text. */
export function languageForPath(filePath: string): LanguageId | null {
  const name = filePath.slice(filePath.lastIndexOf('/') + 1).toLowerCase();
  const byName = BY_NAME[name];
  if (byName) return byName;
  if (name.startsWith('dockerfile.') || name.endsWith('.dockerfile')) return 'dockerfile';
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  return BY_EXTENSION[name.slice(dot + 1)] ?? null;
}

/** A first line such as "#!/usr/bin/env python3" names the language of an extensionless script. */
export function languageForShebang(firstLine: string): LanguageId | null {
  const m = /^#!\s*(?:\/usr\/bin\/env\s+(?:-S\s+)?)?\S*?([a-z]+)[\d.]*(?:\s|$)/.exec(firstLine);
  if (!m) return null;
  const program = m[1]!;
  if (program === 'node' || program === 'deno' || program === 'bun') return 'javascript';
  if (program === 'python') return 'python';
  if (program === 'ruby') return 'ruby';
  if (program === 'perl') return 'perl';
  if (program === 'fish') return 'fish';
  if (['sh', 'bash', 'zsh', 'ksh', 'dash'].includes(program)) return 'shellscript';
  return null;
}
