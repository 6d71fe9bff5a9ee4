/**
 * The renderer's Content-Security-Policy, one source for both deliveries: the HTTP header of
 * `tandem serve` and the <meta> tag the build writes into each page (the only way for file:// pages
 * in the desktop app). Scripts come from our own files only; no eval, no inline script.
 */
export function contentSecurityPolicy({ delivery, socketOrigin }: { delivery: 'header' | 'meta'; socketOrigin?: string }): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    // xterm.js and the highlighter inject <style> elements; scripts stay strictly 'self'.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    socketOrigin ? `connect-src 'self' ${socketOrigin}` : "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  // Browsers ignore (and warn about) frame-ancestors in a <meta> policy.
  if (delivery === 'header') directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}
