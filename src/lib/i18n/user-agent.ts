/**
 * A small user-agent summariser: the browser and operating system a person would name
 * ("Chrome on Android"), from the User-Agent header the server recorded for a session. Pure;
 * unknown or missing strings give `other`. Order matters: Edge, Opera, Samsung Internet and the
 * in-app browsers all also say "Chrome" or "Safari", so they are tested first.
 */
export type BrowserFamily = 'edge' | 'opera' | 'samsung' | 'wechat' | 'uc' | 'qq' | 'firefox' | 'chrome' | 'safari' | 'other';
export type OsFamily = 'harmonyos' | 'android' | 'ipados' | 'ios' | 'windows' | 'chromeos' | 'macos' | 'linux' | 'other';

export interface UserAgentSummary {
	browser: BrowserFamily;
	os: OsFamily;
}

const BROWSERS: readonly [BrowserFamily, RegExp][] = [
	['wechat', /MicroMessenger\//],
	['edge', /\bEdg(e|A|iOS)?\//],
	['opera', /\b(OPR|OPT|Opera)\//],
	['samsung', /SamsungBrowser\//],
	['uc', /\bUC ?Browser\//],
	['qq', /\bM?QQBrowser\//],
	['firefox', /\b(Firefox|FxiOS)\//],
	// Also "HeadlessChrome/" (automation) — hence no word boundary.
	['chrome', /(Chrome|CriOS|Chromium)\//],
	['safari', /\bVersion\/[\d.]+.*\bSafari\//]
];

const SYSTEMS: readonly [OsFamily, RegExp][] = [
	['harmonyos', /\b(HarmonyOS|OpenHarmony)\b/],
	['android', /\bAndroid\b/],
	['ipados', /\biPad\b/],
	['ios', /\b(iPhone|iPod)\b/],
	['windows', /\bWindows\b/],
	['chromeos', /\bCrOS\b/],
	['macos', /\bMac OS X\b|\bMacintosh\b/],
	['linux', /\bLinux\b/]
];

function firstMatch<T extends string>(table: readonly [T, RegExp][], text: string, fallback: T): T {
	for (const [family, pattern] of table) if (pattern.test(text)) return family;
	return fallback;
}

/** The browser and OS family of a User-Agent string (`other` when unknown or absent). */
export function summariseUserAgent(userAgent: string | null | undefined): UserAgentSummary {
	const text = (userAgent ?? '').slice(0, 1024);
	return { browser: firstMatch(BROWSERS, text, 'other'), os: firstMatch(SYSTEMS, text, 'other') };
}
