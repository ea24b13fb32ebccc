/** How a signed-in device is named on the account page: "Chrome on Android, signed in 3 days ago". */
import { m } from './paraglide/messages.js';
import { getLocale } from './paraglide/runtime.js';
import { formatRelativeTime } from './relative-time.ts';
import { summariseUserAgent, type BrowserFamily, type OsFamily } from './user-agent.ts';

// Brand names read the same in both languages; the others come from the catalogue.
const BROWSER_NAMES: Record<BrowserFamily, () => string> = {
	edge: () => 'Edge',
	opera: () => 'Opera',
	samsung: () => m.device_browser_samsung(),
	wechat: () => m.device_browser_wechat(),
	uc: () => m.device_browser_uc(),
	qq: () => m.device_browser_qq(),
	firefox: () => 'Firefox',
	chrome: () => 'Chrome',
	safari: () => 'Safari',
	other: () => m.device_browser_other()
};

const OS_NAMES: Record<Exclude<OsFamily, 'other'>, string> = {
	harmonyos: 'HarmonyOS',
	android: 'Android',
	ipados: 'iPadOS',
	ios: 'iOS',
	windows: 'Windows',
	chromeos: 'ChromeOS',
	macos: 'macOS',
	linux: 'Linux'
};

/** "Chrome on Android" / "Android 上的 Chrome"; the browser alone when the OS is unknown. */
export function describeDevice(userAgent: string | null): string {
	const { browser, os } = summariseUserAgent(userAgent);
	const name = BROWSER_NAMES[browser]();
	return os === 'other' ? name : m.device_name({ browser: name, os: OS_NAMES[os] });
}

/** "Chrome on Android, signed in 3 days ago", in the current UI language. */
export function describeSession(session: { userAgent: string | null; signedInAt: number }, now: number = Date.now()): string {
	const device = describeDevice(session.userAgent);
	if (now - session.signedInAt < 60_000) return m.device_signed_in_just_now({ device });
	return m.device_signed_in({ device, when: formatRelativeTime(session.signedInAt, now, getLocale()) });
}
