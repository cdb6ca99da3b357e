/**
 * The headers of every answer of the public surface. Its pages are server-rendered HTML with one
 * stylesheet of its own and no script at all, so the policy can be the strictest there is: nothing
 * from elsewhere, no inline script or style, no frame, forms post only here.
 */

/** `hsts`: the surface is published over https (publicUrl), so browsers should never try http. */
export function publicHeaders(options: { hsts: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // Not `no-referrer`: under that policy a browser sends `Origin: null` with a form's post, and
    // the post's origin is one of the CSRF checks (form-protection.ts). `same-origin` still sends
    // nothing to another site — a signed link in the address never leaks through a Referer.
    'Referrer-Policy': 'same-origin',
    // Features Chromium knows (an unknown name is logged as an error in the page's console).
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), browsing-topics=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    ...(options.hsts ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}
