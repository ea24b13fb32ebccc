/**
 * Mainland mobile number segments (号段) — domain-research §8.4 [S][X42] (2020 list) and §4.3
 * [C][T15]. Keys are 3-digit prefixes; a 4-digit entry narrows one prefix. Number portability
 * makes carrier inference unreliable, so the segment only decides SMS capability, never province.
 */

export type SegmentKind = 'carrier' | 'virtual' | 'data-only' | 'iot';

export interface MobileSegmentTable {
	readonly asOf: string;
	readonly source: string;
	readonly carrier: readonly string[];
	/** MVNO segments that may not receive the MIIT SMS (PHONE-2). */
	readonly virtual: readonly string[];
	/** Data-only SIM segments, refused for filing contacts (PHONE-3). */
	readonly dataOnly: readonly string[];
	/** IoT (13-digit) segments, refused for filing contacts (PHONE-3). */
	readonly iot: readonly string[];
}

export const MOBILE_SEGMENTS: MobileSegmentTable = {
	asOf: '2020',
	source: 'domain-research §8.4 [S][X42]; virtual segments may miss MIIT SMS §4.3 [C][T15]',
	carrier: [
		'130', '131', '132', '133', '134', '135', '136', '137', '138', '139',
		'150', '151', '152', '153', '155', '156', '157', '158', '159',
		'166', '172', '173', '1740', '175', '176', '177', '178',
		'180', '181', '182', '183', '184', '185', '186', '187', '188', '189',
		'190', '191', '192', '193', '195', '196', '197', '198', '199'
	],
	virtual: ['162', '165', '167', '170', '171'],
	dataOnly: ['145', '147', '149'],
	iot: ['140', '141', '144', '146', '148']
};

/** The kind of segment a normalised 11-digit mobile number belongs to, or `undefined` if unknown. */
export function segmentKindOf(mobile: string, table: MobileSegmentTable = MOBILE_SEGMENTS): SegmentKind | undefined {
	const p3 = mobile.slice(0, 3);
	const p4 = mobile.slice(0, 4);
	if (table.virtual.includes(p3)) return 'virtual';
	if (table.dataOnly.includes(p3)) return 'data-only';
	if (table.iot.includes(p3)) return 'iot';
	if (table.carrier.includes(p3) || table.carrier.includes(p4)) return 'carrier';
	return undefined;
}
