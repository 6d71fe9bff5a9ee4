/**
 * Redaction of secrets before any context leaves the machine. Each rule finds one kind of secret
 * and replaces it with `[redacted:KIND]`; the result counts what was replaced, by kind.
 *
 * The rules are tuned for precision as much as recall: context is full of long random-looking
 * strings that are not secrets (git SHAs, UUIDs, npm integrity hashes, base64 images), and eating
 * them would make the context useless. So token formats with a fixed prefix are matched anywhere,
 * while formats with no prefix (AWS secret keys, Azure keys) are matched only next to a name that
 * says what they are. Rules run in order; later rules never touch earlier placeholders.
 */

export interface RedactionResult {
  text: string;
  /** Replacements by kind, e.g. { 'github-token': 2 }. */
  counts: Record<string, number>;
  total: number;
}

interface Rule {
  kind: string;
  pattern: RegExp;
  /** The part to keep in front of the placeholder (a key name, a URL's user), from the match groups. */
  keep?: (m: RegExpExecArray) => { before?: string; after?: string };
  /** Extra check on the match; returning false leaves it alone. */
  accept?: (m: RegExpExecArray) => boolean;
}

export const placeholder = (kind: string) => `[redacted:${kind}]`;
const PLACEHOLDER = /^\[redacted:[a-z0-9-]+\]/;

/** Random keys mix letters and digits; names and prose do not. */
function looksRandom(s: string): boolean {
  return /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s);
}

/** Values on a secret-named line that are clearly not secrets. */
function isHarmlessValue(v: string): boolean {
  const value = v.trim().replace(/^(['"])(.*)\1$/, '$2').trim();
  return (
    value === '' ||
    PLACEHOLDER.test(value) ||
    /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value) || // a reference to another variable
    /^\$\(.*\)$/.test(value) || // a command substitution, e.g. $(gh auth token)
    /^(?:true|false|yes|no|on|off|null|none|required|optional)$/i.test(value) ||
    /^\d{1,6}$/.test(value) // lengths, timeouts, counts
  );
}

/** Words that make a variable name secret: DB_PASSWORD, API_KEY, STRIPE_SECRET, GITHUB_TOKEN, … */
const SECRET_WORDS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASSPHRASE', 'PASS', 'PWD', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'CREDENTIAL', 'CREDENTIALS',
  'APIKEY', 'PRIVATEKEY', 'AUTH', 'DSN', 'SALT', 'PEPPER', 'WEBHOOK', 'COOKIE', 'SESSION',
]);

/** `dbPassword`, `DB_PASSWORD`, `db.password`, `STRIPE_KEY` are secret names; `TOKENIZER`, `KEY_PATH` are not. */
export function isSecretName(name: string): boolean {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[_.-]+/)
    .filter(Boolean);
  if (parts.some((p) => SECRET_WORDS.has(p))) return true;
  // …_KEY at the end names a key (API_KEY, ACCESS_KEY, OPENAI_KEY); KEY_ID, KEY_PATH, KEY_FILE do not.
  return parts.length > 1 && parts[parts.length - 1] === 'KEY';
}

const RULES: Rule[] = [
  {
    // Whole PEM / OpenSSH / PGP private key blocks, and a block cut off before its END line.
    kind: 'private-key',
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END \1PRIVATE KEY\2-----|$)/g,
  },
  {
    // The tail of a key block whose BEGIN line was cut off (an output tail, a partial selection).
    kind: 'private-key',
    pattern: /^(?:[A-Za-z0-9+/=]{16,}\r?\n)+-----END ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----/gm,
  },
  { kind: 'anthropic-key', pattern: /\bsk-ant-(?:api|admin|oat|sid)?\d{0,3}-?[A-Za-z0-9_-]{32,}/g },
  {
    // OpenAI: sk-…, sk-proj-…, sk-svcacct-…, sk-admin-… (never sk-ant-, matched above).
    kind: 'openai-key',
    pattern: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}/g,
    accept: (m) => looksRandom(m[0]),
  },
  { kind: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  {
    // Azure keys are 32 hex (or 84 base64) chars with no prefix: only next to a name that says so.
    kind: 'azure-key',
    pattern: /((?:azure[\w.-]*?(?:key|secret)|ocp-apim-subscription-key|api-key|AccountKey|SharedAccessKey)["']?\s*[:=]\s*["']?)([A-Za-z0-9+/]{32,88}={0,2})/gi,
    keep: (m) => ({ before: m[1] }),
  },
  { kind: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g },
  {
    // The 40-char secret has no prefix (and looks like base64); match it by its name only, so a
    // 40-char git SHA elsewhere is left alone.
    kind: 'aws-secret-key',
    pattern: /((?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key|SecretAccessKey)["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    keep: (m) => ({ before: m[1] }),
  },
  { kind: 'github-token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b/g },
  { kind: 'github-token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g },
  { kind: 'gitlab-token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  { kind: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{8,}/g },
  { kind: 'slack-token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { kind: 'stripe-key', pattern: /\b(?:sk|rk|pk)_live_[A-Za-z0-9]{16,}\b/g },
  { kind: 'stripe-key', pattern: /\b(?:sk|rk)_test_[A-Za-z0-9]{16,}\b/g },
  {
    kind: 'jwt',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g,
  },
  {
    kind: 'bearer-token',
    pattern: /(\bAuthorization["']?\s*[:=]\s*["']?(?:Bearer|Token|Basic)\s+)([A-Za-z0-9._~+/=-]{12,})/gi,
    keep: (m) => ({ before: m[1] }),
    accept: (m) => !PLACEHOLDER.test(m[2]!),
  },
  {
    // scheme://user:password@host → keep the user, hide the password.
    kind: 'url-password',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]+:)([^\s@/?#]+)(@)/gi,
    keep: (m) => ({ before: m[1], after: m[3] }),
    accept: (m) => !PLACEHOLDER.test(m[2]!),
  },
  {
    // KEY=value lines of .env files (also `export KEY=value`) whose name says secret.
    kind: 'env-secret',
    pattern: /^([ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*)(.+?)[ \t]*$/gm,
    keep: (m) => ({ before: m[1] }),
    accept: (m) => isSecretName(m[2]!) && !isHarmlessValue(m[3]!) && !m[3]!.includes('[redacted:'),
  },
];

export function redactSecrets(input: string): RedactionResult {
  const counts: Record<string, number> = {};
  let total = 0;
  let text = input;
  for (const rule of RULES) {
    let out = '';
    let last = 0;
    for (const m of text.matchAll(rule.pattern)) {
      const match = m as RegExpExecArray;
      if (rule.accept && !rule.accept(match)) continue;
      const { before = '', after = '' } = rule.keep?.(match) ?? {};
      out += text.slice(last, match.index) + before + placeholder(rule.kind) + after;
      last = match.index + match[0].length;
      counts[rule.kind] = (counts[rule.kind] ?? 0) + 1;
      total++;
    }
    if (last > 0) text = out + text.slice(last);
  }
  return { text, counts, total };
}

/** Adds `b`'s counts into `a`. */
export function addCounts(a: Record<string, number>, b: Record<string, number>): void {
  for (const [k, n] of Object.entries(b)) a[k] = (a[k] ?? 0) + n;
}
