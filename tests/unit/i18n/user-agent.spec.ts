import { describe, expect, it } from 'vitest';
import { describeDevice, describeSession } from '../../../src/lib/i18n/device-label.ts';
import { formatRelativeTime } from '../../../src/lib/i18n/relative-time.ts';
import { summariseUserAgent } from '../../../src/lib/i18n/user-agent.ts';
import { overwriteGetLocale, type Locale } from '../../../src/lib/i18n/paraglide/runtime.js';

// Real User-Agent strings as browsers send them.
const UA = {
	chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36',
	safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
	chromeIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
	safariIpad: 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
	edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
	firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
	safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
	wechatAndroid:
		'Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
	samsung: 'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
	harmony: 'Mozilla/5.0 (Phone; OpenHarmony 4.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 ArkWeb/4.1.6.1 Mobile HuaweiBrowser/5.0.3.300',
	chromeOs: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
	operaWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/112.0.0.0'
};

function inLocale<T>(locale: Locale, run: () => T): T {
	overwriteGetLocale(() => locale);
	return run();
}

describe('summariseUserAgent', () => {
	it.each([
		[UA.chromeAndroid, 'chrome', 'android'],
		[UA.safariIphone, 'safari', 'ios'],
		[UA.chromeIphone, 'chrome', 'ios'],
		[UA.safariIpad, 'safari', 'ipados'],
		[UA.edgeWindows, 'edge', 'windows'],
		[UA.firefoxLinux, 'firefox', 'linux'],
		[UA.safariMac, 'safari', 'macos'],
		[UA.wechatAndroid, 'wechat', 'android'],
		[UA.samsung, 'samsung', 'android'],
		[UA.harmony, 'chrome', 'harmonyos'],
		[UA.chromeOs, 'chrome', 'chromeos'],
		[UA.operaWindows, 'opera', 'windows'],
		['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36', 'chrome', 'linux']
	])('%s → %s on %s', (ua, browser, os) => {
		expect(summariseUserAgent(ua)).toEqual({ browser, os });
	});

	it('gives "other" for a missing, empty or unknown string', () => {
		expect(summariseUserAgent(null)).toEqual({ browser: 'other', os: 'other' });
		expect(summariseUserAgent('')).toEqual({ browser: 'other', os: 'other' });
		expect(summariseUserAgent('curl/8.5.0')).toEqual({ browser: 'other', os: 'other' });
	});
});

describe('formatRelativeTime', () => {
	const now = Date.parse('2026-03-10T12:00:00Z');
	const ago = (seconds: number) => now - seconds * 1000;

	it('says "3 days ago" in English and 3天前 in Chinese', () => {
		expect(formatRelativeTime(ago(3 * 86_400), now, 'en')).toBe('3 days ago');
		expect(formatRelativeTime(ago(3 * 86_400), now, 'zh-CN')).toBe('3天前');
	});

	it('picks the largest unit that fits', () => {
		expect(formatRelativeTime(ago(90), now, 'en')).toBe('1 minute ago');
		expect(formatRelativeTime(ago(5 * 3600), now, 'en')).toBe('5 hours ago');
		expect(formatRelativeTime(ago(86_400), now, 'en')).toBe('yesterday');
		expect(formatRelativeTime(ago(14 * 86_400), now, 'en')).toBe('2 weeks ago');
		expect(formatRelativeTime(ago(400 * 86_400), now, 'en')).toBe('last year');
	});

	it('reads a time in the future (clock skew) as now', () => {
		expect(formatRelativeTime(now + 60_000, now, 'en')).toBe('now');
	});
});

describe('describeSession', () => {
	const now = Date.parse('2026-03-10T12:00:00Z');
	const threeDaysAgo = now - 3 * 86_400_000;

	it('names the device and when it signed in, in the UI language', () => {
		expect(inLocale('en', () => describeSession({ userAgent: UA.chromeAndroid, signedInAt: threeDaysAgo }, now))).toBe('Chrome on Android, signed in 3 days ago');
		expect(inLocale('zh-CN', () => describeSession({ userAgent: UA.chromeAndroid, signedInAt: threeDaysAgo }, now))).toBe('Android 上的 Chrome，3天前登录');
	});

	it('says "just now" within the first minute and localises in-app browsers', () => {
		expect(inLocale('en', () => describeSession({ userAgent: UA.safariIphone, signedInAt: now - 5_000 }, now))).toBe('Safari on iOS, signed in just now');
		expect(inLocale('zh-CN', () => describeDevice(UA.wechatAndroid))).toBe('Android 上的 微信');
	});

	it('names an unknown device without inventing an OS', () => {
		expect(inLocale('zh-CN', () => describeDevice(null))).toBe('未知浏览器');
		expect(inLocale('en', () => describeDevice('curl/8.5.0'))).toBe('Unknown browser');
	});
});
