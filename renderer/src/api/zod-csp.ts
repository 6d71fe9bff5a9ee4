/**
 * The pages run under a Content-Security-Policy without 'unsafe-eval'. Zod compiles object parsers with
 * `new Function` when it can, and its probe for that is itself a CSP violation; jitless parsing avoids
 * both. Imported first by every window.
 */
import { z } from 'zod';

z.config({ jitless: true });
