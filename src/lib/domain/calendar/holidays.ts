/**
 * Public holidays and make-up working days (调休) of the mainland, per the State Council
 * notices, as data. Adding a year is a data change: append one entry. Years without an entry
 * count weekends only and every result touching them is provisional (CAL-2).
 */

export interface DateRange {
	readonly from: string;
	/** Inclusive. */
	readonly to: string;
}

export interface HolidayYear {
	readonly year: number;
	readonly asOf: string;
	readonly source: string;
	/** Days off (weekdays or weekends) — not business days. */
	readonly off: readonly DateRange[];
	/** Weekend days that are working days. */
	readonly makeUpWorkdays: readonly string[];
}

const NOTICE_SOURCE = 'State Council General Office holiday notice, as listed in issue 3 (Lifecycle → Deadlines)';

export const HOLIDAY_CALENDAR: readonly HolidayYear[] = [
	{
		year: 2025,
		asOf: '2024-11-12',
		source: NOTICE_SOURCE,
		off: [
			{ from: '2025-01-01', to: '2025-01-01' },
			{ from: '2025-01-28', to: '2025-02-04' },
			{ from: '2025-04-04', to: '2025-04-06' },
			{ from: '2025-05-01', to: '2025-05-05' },
			{ from: '2025-05-31', to: '2025-06-02' },
			{ from: '2025-10-01', to: '2025-10-08' }
		],
		makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']
	},
	{
		year: 2026,
		asOf: '2025-11',
		source: NOTICE_SOURCE,
		off: [
			{ from: '2026-01-01', to: '2026-01-03' },
			{ from: '2026-02-15', to: '2026-02-23' },
			{ from: '2026-04-04', to: '2026-04-06' },
			{ from: '2026-05-01', to: '2026-05-05' },
			{ from: '2026-06-19', to: '2026-06-21' },
			{ from: '2026-09-25', to: '2026-09-27' },
			{ from: '2026-10-01', to: '2026-10-07' }
		],
		makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']
	}
];
