/**
 * axe-core in a Playwright page (test support): the engine's source is evaluated in the page (over
 * the DevTools protocol, so the console's Content-Security-Policy does not stand in the way) and run
 * on the whole document. What comes back is small and readable in a failing assertion: the rule,
 * its impact and the first few elements, with axe's own one-line reason.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface AxeViolation {
  rule: string;
  impact: string | null;
  help: string;
  /** Up to five offending elements: CSS selector and axe's reason. */
  nodes: Array<{ target: string; why: string }>;
}

/** The impacts the accessibility tests refuse. */
export const BLOCKING_IMPACTS = ['serious', 'critical'];

/**
 * Landmark rules, refused whatever axe's impact (it calls them moderate): a screen reader user jumps
 * by landmark, so each view has one banner and one main, and nothing outside a landmark.
 */
export const LANDMARK_RULES = ['landmark-one-main', 'landmark-no-duplicate-banner', 'landmark-no-duplicate-main', 'landmark-unique', 'region'];

/**
 * Every axe violation on the page as it stands, WCAG 2.x A and AA plus axe's best practices
 * (landmarks, one main, one banner). `disabledRules` is for a rule that cannot apply to a screen:
 * say why where it is passed.
 */
export async function axeViolations(page: Page, options: { disabledRules?: string[] } = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(axe.source);
  const rules = Object.fromEntries((options.disabledRules ?? []).map((id) => [id, { enabled: false }]));
  const script = `(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      rules: ${JSON.stringify(rules)},
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), why: (n.failureSummary || '').replace(/\\s+/g, ' ').trim() })),
    }));
  })()`;
  return (await page.evaluate(script)) as AxeViolation[];
}

/** The serious and critical ones, and any landmark one: what the accessibility tests assert is empty. */
export async function blockingAxeViolations(page: Page, options: { disabledRules?: string[] } = {}): Promise<AxeViolation[]> {
  return (await axeViolations(page, options)).filter((v) => (v.impact !== null && BLOCKING_IMPACTS.includes(v.impact)) || LANDMARK_RULES.includes(v.rule));
}

/**
 * Chart labels (SVG <text>) that read below 4.5:1 against the background behind their chart. axe
 * leaves SVG text « incomplete » (it cannot tell what lies behind it), so the charts of the
 * supervisor view and the wall screen are measured here: the text's fill against the first opaque
 * background up from its <svg>. Labels are drawn beside the bars, never over them.
 */
export async function lowContrastChartLabels(page: Page, minimum = 4.5): Promise<Array<{ text: string; fill: string; ratio: number }>> {
  return (await page.evaluate(`(() => {
    const rgb = (c) => (c.match(/[0-9.]+/g) || []).map(Number);
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const backgroundOf = (svg) => {
      for (let n = svg; n; n = n.parentElement) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || c[3] === 1)) return c;
      }
      return [255, 255, 255];
    };
    return [...document.querySelectorAll('svg text')].flatMap((t) => {
      const fill = getComputedStyle(t).fill;
      const [a, b] = [luminance(rgb(fill)), luminance(backgroundOf(t.closest('svg')))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      return ratio < ${minimum} ? [{ text: t.textContent || '', fill, ratio: Math.round(ratio * 100) / 100 }] : [];
    });
  })()`)) as Array<{ text: string; fill: string; ratio: number }>;
}

/**
 * How many banner and main landmarks the page exposes (HTML-AAM: a <header> is a banner unless it
 * sits in an article, aside, main, nav or section). axe refuses a second one of each and a missing
 * main, not a missing banner: the tests ask for exactly one of each on the console and the wall screen.
 */
export async function landmarkCounts(page: Page): Promise<{ banner: number; main: number }> {
  return (await page.evaluate(`(() => {
    const visible = (el) => el.getClientRects().length > 0;
    const banners = [...document.querySelectorAll('header, [role="banner"]')].filter(
      (el) => visible(el) && (el.getAttribute('role') === 'banner' || !el.parentElement.closest('article, aside, main, nav, section, [role="dialog"]')),
    );
    const mains = [...document.querySelectorAll('main, [role="main"]')].filter(visible);
    return { banner: banners.length, main: mains.length };
  })()`)) as { banner: number; main: number };
}
