/**
 * What the AI reviewer must answer: the JSON schema sent to the model (strict structured output) and
 * the zod schema its answer is checked against. Models that ignore the schema and wrap the JSON in
 * prose are still understood: the first balanced JSON object in the text is taken.
 */
import { z } from 'zod';

export const FINDING_TAGS = ['[P0]', '[P1]', '[P2]', '[P3]'] as const;

/** Sent as `text.format` (Responses) or `response_format.json_schema` (Chat Completions). */
export const REVIEW_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['verdict', 'explanation', 'findings'],
  properties: {
    verdict: { type: 'string', enum: ['looks_good', 'needs_changes'] },
    explanation: { type: 'string', description: 'One to three sentences: why this verdict.' },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'body', 'priority', 'confidence', 'path', 'side', 'start_line', 'end_line'],
        properties: {
          title: { type: 'string', description: 'Starts with [P0], [P1], [P2] or [P3]; at most 80 characters.' },
          body: { type: 'string', description: 'Why it is a problem and what to do, in a short paragraph.' },
          priority: { type: 'integer', enum: [0, 1, 2, 3] },
          confidence: { type: 'number', description: 'From 0 to 1.' },
          path: { type: 'string' },
          side: { type: 'string', enum: ['old', 'new'] },
          start_line: { type: 'integer' },
          end_line: { type: 'integer' },
        },
      },
    },
  },
} as const;

const ModelFinding = z.object({
  title: z.string().trim().min(1).max(300),
  body: z.string().trim().max(5000),
  priority: z.number().int().min(0).max(3),
  confidence: z.number().min(0).max(1),
  path: z.string().trim().min(1).max(4096),
  side: z.enum(['old', 'new']).default('new'),
  start_line: z.number().int().min(0),
  end_line: z.number().int().min(0),
});

export const ModelReview = z.object({
  verdict: z.enum(['looks_good', 'needs_changes']),
  explanation: z.string().trim().max(5000),
  findings: z.array(ModelFinding).max(200),
});
export type ModelReview = z.infer<typeof ModelReview>;
export type ModelFinding = z.infer<typeof ModelFinding>;

/** Why a model's answer could not be used, in a sentence for the user. */
export class ReviewOutputError extends Error {}

/** Parses and validates the model's text: plain JSON, fenced JSON, or JSON inside prose. */
export function parseModelReview(text: string): ModelReview {
  const json = extractFirstJsonObject(text);
  if (json === null) {
    throw new ReviewOutputError(`The model's answer held no JSON review: "${preview(text)}"`);
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new ReviewOutputError(`The model's review was not valid JSON (${(err as Error).message}): "${preview(json)}"`);
  }
  const parsed = ModelReview.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? issue.path.join('.') : 'the answer';
    throw new ReviewOutputError(`The model's review did not have the expected shape: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * The first balanced `{…}` in the text that is valid JSON, skipping braces inside JSON strings (prose
 * such as "{of sorts}" before the answer is passed over). When no balanced object parses, the first
 * balanced one is returned for JSON.parse to describe; null when there is none at all.
 */
export function extractFirstJsonObject(text: string): string | null {
  let firstBalanced: string | null = null;
  let start = text.indexOf('{');
  while (start >= 0) {
    const candidate = balancedFrom(text, start);
    if (candidate !== null) {
      firstBalanced ??= candidate;
      if (isJson(candidate)) return candidate;
    }
    start = text.indexOf('{', start + 1);
  }
  return firstBalanced;
}

function balancedFrom(text: string, start: number): string | null {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return null;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}

/** "[P1] Title": the tag always matches the priority, whatever the model wrote. */
export function taggedTitle(title: string, priority: number): string {
  const bare = title.replace(/^\s*\[P[0-3]\]\s*/i, '').trim() || 'Untitled finding';
  return `${FINDING_TAGS[priority] ?? '[P3]'} ${bare}`;
}
