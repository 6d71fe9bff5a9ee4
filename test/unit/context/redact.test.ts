// The redaction table: one test per secret pattern, each with what it must catch and what it must
// leave alone — context full of git SHAs and UUIDs is useless if redaction eats them.
// Fake secrets are assembled at run time so no scanner mistakes this file for a leak.
import { describe, expect, it } from 'vitest';
import { isSecretName, redactSecrets } from '../../../electron/core/context/privacy/redact';

/** A deterministic random-looking string of `n` chars from `alphabet`. */
function fake(n: number, alphabet = 'aB3dE5fG7hJ9kL2mN4pQ6rS8tU1vW0xYz'): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[(i * 7 + 3) % alphabet.length];
  return out;
}
const HEX = '0123456789abcdef';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'aB3dE5fG7hJ9kL2mN4pQ6rS8tU1vW0xYz+/';

function expectRedacted(input: string, kind: string, times = 1) {
  const r = redactSecrets(input);
  expect(r.counts[kind], `${kind} in: ${input}\n→ ${r.text}`).toBe(times);
  expect(r.text).toContain(`[redacted:${kind}]`);
  return r;
}

function expectUntouched(input: string) {
  const r = redactSecrets(input);
  expect(r.text, `should be left alone: ${input}`).toBe(input);
  expect(r.total).toBe(0);
}

const GIT_SHA = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
const UUID = '123e4567-e89b-12d3-a456-426614174000';
const INTEGRITY = 'sha512-Q0n6dC6vC0R6l3xZ0Rk0yYbXw1T5m2Zb4b9oM3hYbJzJqWJ9d4x8bYk0o7H3Q1m3Rq5G2p1n8s6vV4Yb2c9A==';

describe('redaction: ordinary text is left alone', () => {
  it.each([
    ['a git SHA', `commit ${GIT_SHA}\nAuthor: Ada <ada@example.com>`],
    ['a short SHA and a range', 'git diff a94a8fe..5ccb19b -- src/'],
    ['a UUID', `thread ${UUID} not found`],
    ['an npm integrity hash', `"integrity": "${INTEGRITY}"`],
    ['a base64 PNG', 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='],
    ['prose about secrets', 'Set your API key in Settings; the password must be 12 characters.'],
    ['a URL with a port', 'listening on http://127.0.0.1:8080/api/v1?token_type=bearer'],
    ['an ssh remote', 'git@github.com:openai/codex.git'],
    ['an email address', 'mailto:ada@example.com'],
    ['a stack trace', 'Error: ENOENT: no such file\n    at Object.openSync (node:fs:596:3)\n    at /srv/app/index.js:12:5'],
    ['an md5 checksum without a name', 'checksum 9e107d9d372bb6826bd81d3542a419d6 OK'],
  ])('%s', (_name, text) => expectUntouched(text));
});

describe('redaction: private keys', () => {
  it('catches PEM, OpenSSH and PGP private key blocks whole', () => {
    for (const type of ['RSA ', 'EC ', 'OPENSSH ', '']) {
      const block = `-----BEGIN ${type}PRIVATE KEY-----\n${fake(64, B64)}\n${fake(64, B64)}\n-----END ${type}PRIVATE KEY-----`;
      const r = expectRedacted(`key:\n${block}\ndone`, 'private-key');
      expect(r.text).toBe('key:\n[redacted:private-key]\ndone');
    }
    expectRedacted(`-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${fake(64, B64)}\n-----END PGP PRIVATE KEY BLOCK-----`, 'private-key');
  });

  it('catches a block cut off before its END line, and a tail cut off before its BEGIN line', () => {
    const r = expectRedacted(`cat id_rsa\n-----BEGIN OPENSSH PRIVATE KEY-----\n${fake(70, B64)}\n${fake(70, B64)}`, 'private-key');
    expect(r.text).toBe('cat id_rsa\n[redacted:private-key]');
    const tail = expectRedacted(`${fake(64, B64)}\n${fake(64, B64)}\n-----END RSA PRIVATE KEY-----\n$ ls`, 'private-key');
    expect(tail.text).toBe('[redacted:private-key]\n$ ls');
  });

  it('leaves public keys and certificates alone', () => {
    expectUntouched(`-----BEGIN PUBLIC KEY-----\n${fake(64, B64)}\n-----END PUBLIC KEY-----`);
    expectUntouched(`-----BEGIN CERTIFICATE-----\n${fake(64, B64)}\n-----END CERTIFICATE-----`);
  });
});

describe('redaction: AI provider keys', () => {
  it('OpenAI project, service-account and legacy keys', () => {
    expectRedacted(`OPENAI="sk-proj-${fake(40)}T3BlbkFJ${fake(40)}"`, 'openai-key');
    expectRedacted(`key sk-svcacct-${fake(60)} here`, 'openai-key');
    expectRedacted(`sk-${fake(48)}`, 'openai-key');
  });
  it('leaves sk- words alone', () => {
    expectUntouched('pip install scikit-learn sk-learn');
    expectUntouched('the risk-assessment-and-mitigation-plan-document is ready');
    expectUntouched('task-1234 and disk-usage-monitor-service-configuration');
  });
  it('Anthropic keys (not mistaken for OpenAI ones)', () => {
    const r = expectRedacted(`ANTHROPIC_API_KEY=sk-ant-api03-${fake(93)}AA`, 'anthropic-key');
    expect(r.counts['openai-key']).toBeUndefined();
    expectUntouched('the prefix sk-ant- alone');
  });
  it('Google API keys', () => {
    expectRedacted(`https://maps.googleapis.com/maps/api/js?key=AIza${fake(35)}`, 'google-api-key');
    expectUntouched(`AIza${fake(20)} is too short`);
  });
  it('Azure keys, by their name only', () => {
    expectRedacted(`curl -H "api-key: ${fake(32, HEX)}" https://x.openai.azure.com`, 'azure-key');
    const conn = expectRedacted(`DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${fake(86, B64)}==;EndpointSuffix=core.windows.net`, 'azure-key');
    expect(conn.text).toContain('AccountName=acct;AccountKey=[redacted:azure-key];EndpointSuffix');
    expectUntouched(`etag ${fake(32, HEX)}`);
  });
});

describe('redaction: cloud and forge tokens', () => {
  it('AWS access key ids', () => {
    expectRedacted(`aws_access_key_id = AKIA${fake(16, UPPER)}`, 'aws-access-key-id');
    expectRedacted(`"AccessKeyId": "ASIA${fake(16, UPPER)}"`, 'aws-access-key-id');
    expectUntouched(`AKIA${fake(10, UPPER)} is too short, akia${fake(16, UPPER).toLowerCase()} is lower case`);
  });
  it('AWS secret keys next to their name, never a bare 40-char string', () => {
    const r = expectRedacted(`aws_secret_access_key = ${fake(40, B64)}`, 'aws-secret-key');
    expect(r.text).toBe('aws_secret_access_key = [redacted:aws-secret-key]');
    expectRedacted(`"SecretAccessKey": "${fake(40, B64)}"`, 'aws-secret-key');
    expectUntouched(`tree ${GIT_SHA}\nparent ${GIT_SHA}`);
  });
  it('GitHub tokens of every kind', () => {
    for (const prefix of ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']) expectRedacted(`token ${prefix}${fake(36)} end`, 'github-token');
    expectRedacted(`github_pat_${fake(22)}_${fake(59)}`, 'github-token');
    expectUntouched('ghp_short and ghs_ and github_pat_x');
  });
  it('GitLab personal access tokens', () => {
    expectRedacted(`glpat-${fake(20)}`, 'gitlab-token');
    expectUntouched('glpat-short');
  });
  it('Slack tokens and webhooks', () => {
    for (const p of ['xoxb', 'xoxp', 'xoxa', 'xoxr', 'xoxs']) expectRedacted(`${p}-1234567890-${fake(24)}`, 'slack-token');
    expectRedacted(`curl https://hooks.slack.com/services/T0${fake(8, UPPER)}/B0${fake(8, UPPER)}/${fake(24)}`, 'slack-webhook');
    expectUntouched('xoxo, see https://hooks.slack.com/ for docs');
  });
  it('Stripe secret, restricted and live publishable keys', () => {
    for (const p of ['sk_live_', 'rk_live_', 'pk_live_', 'sk_test_']) expectRedacted(`${p}${fake(24)}`, 'stripe-key');
    expectUntouched(`pk_test_${fake(24)} is meant to be public; so is the word sk_live`);
  });
});

describe('redaction: tokens in use', () => {
  it('JWTs', () => {
    const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${fake(43)}`;
    const r = expectRedacted(`Cookie: session=${jwt}; Path=/`, 'jwt');
    expect(r.text).toBe('Cookie: session=[redacted:jwt]; Path=/');
    expectUntouched('eyJ alone, or eyJhbGciOiJIUzI1NiJ9 with no payload');
  });
  it('Authorization headers', () => {
    const r = expectRedacted(`curl -H "Authorization: Bearer ${fake(30)}" https://api.example.com`, 'bearer-token');
    expect(r.text).toContain('Authorization: Bearer [redacted:bearer-token]');
    expectUntouched('Send an Authorization: Bearer header');
  });
  it('passwords in URLs, keeping the user and host', () => {
    const r = expectRedacted('DATABASE_URL is postgres://app:s3cr3t-P4ss@db.internal:5432/prod', 'url-password');
    expect(r.text).toBe('DATABASE_URL is postgres://app:[redacted:url-password]@db.internal:5432/prod');
    expectRedacted('git clone https://ada:hunter2@git.example.com/repo.git', 'url-password');
    expectUntouched('https://ada@git.example.com/repo.git and http://localhost:3000/x');
  });
});

describe('redaction: .env lines', () => {
  it('redacts values of secret-named keys, keeping the name', () => {
    const env = ['DB_PASSWORD=hunter2', 'export API_KEY="abc123def"', 'STRIPE_SECRET=whatever', 'dbPassword = letmein', 'SENTRY_DSN=https://key@o1.ingest.sentry.io/1'].join('\n');
    const r = redactSecrets(env);
    expect(r.counts['env-secret']).toBe(5);
    expect(r.text.split('\n')).toEqual([
      'DB_PASSWORD=[redacted:env-secret]',
      'export API_KEY=[redacted:env-secret]',
      'STRIPE_SECRET=[redacted:env-secret]',
      'dbPassword = [redacted:env-secret]',
      'SENTRY_DSN=[redacted:env-secret]',
    ]);
  });
  it('leaves ordinary settings, references and counts alone', () => {
    expectUntouched(['NODE_ENV=production', 'PORT=3000', 'PASSWORD_MIN_LENGTH=12', 'TOKENIZER=bert-base', 'SSH_KEY_PATH=~/.ssh/id_ed25519', 'GITHUB_TOKEN=$(gh auth token)', 'API_KEY=${API_KEY}', 'REQUIRE_PASSWORD=true'].join('\n'));
  });
  it('does not count a token twice when it sits on a secret-named line', () => {
    const r = redactSecrets(`GITHUB_TOKEN=ghp_${fake(36)}`);
    expect(r.counts).toEqual({ 'github-token': 1 });
    expect(r.text).toBe('GITHUB_TOKEN=[redacted:github-token]');
  });
  it('knows a secret name when it sees one', () => {
    expect(['DB_PASSWORD', 'api_key', 'OPENAI_KEY', 'clientSecret', 'auth.token', 'PASSPHRASE'].every(isSecretName)).toBe(true);
    expect(['KEY', 'KEY_ID', 'MONKEY', 'TOKENIZER', 'BYPASS', 'NODE_ENV'].filter(isSecretName)).toEqual([]);
  });
});

describe('redaction: counting', () => {
  it('counts every replacement by kind', () => {
    const text = [`ghp_${fake(36)}`, `ghs_${fake(36)}`, `AKIA${fake(16, UPPER)}`, 'postgres://u:p4ss@h/db'].join(' ');
    const r = redactSecrets(text);
    expect(r.counts).toEqual({ 'github-token': 2, 'aws-access-key-id': 1, 'url-password': 1 });
    expect(r.total).toBe(4);
  });
});
