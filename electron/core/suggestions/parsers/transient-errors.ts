/**
 * Failures that are probably not the user's fault and may pass on a second try: DNS, refused or reset
 * connections, timeouts, rate limits and 5xx answers from a registry or remote.
 */
import { cleanLines, oneLine } from './text';

/** `likely` is how sure we are that a second try helps: a refused connection usually means a server is down, not flaky. */
const PATTERNS: { pattern: RegExp; label: string; likely: number }[] = [
  { pattern: /Could not resolve host|getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|\bEAI_AGAIN\b|Temporary failure in name resolution|no such host/i, label: 'a host name could not be resolved', likely: 0.65 },
  { pattern: /\bECONNRESET\b|Connection reset by peer|socket hang up/i, label: 'the connection was reset', likely: 0.75 },
  { pattern: /\bECONNREFUSED\b|Connection refused/i, label: 'the connection was refused', likely: 0.45 },
  { pattern: /\bETIMEDOUT\b|\bESOCKETTIMEDOUT\b|timed out|TLS handshake timeout|i\/o timeout|Operation timed out/i, label: 'the network timed out', likely: 0.7 },
  { pattern: /\b(?:502 Bad Gateway|503 Service Unavailable|504 Gateway Time-?out)\b|\bHTTP (?:502|503|504)\b/i, label: 'the server answered with a temporary error', likely: 0.75 },
  { pattern: /\b429 Too Many Requests\b|rate limit(?:ed)? exceeded/i, label: 'a rate limit was hit', likely: 0.6 },
  { pattern: /\bnetwork is unreachable\b|\bENETUNREACH\b/i, label: 'the network is unreachable', likely: 0.65 },
];

export interface TransientError {
  /** In words: "a host name could not be resolved". */
  label: string;
  /** The output line that showed it. */
  line: string;
  /** 0–1: how likely a rerun is to pass. */
  likely: number;
}

export function detectTransientError(output: string): TransientError | null {
  for (const line of cleanLines(output)) {
    for (const { pattern, label, likely } of PATTERNS) {
      if (pattern.test(line)) return { label, line: oneLine(line, 200), likely };
    }
  }
  return null;
}
