import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkImage, type ImageMetadata } from '../../../../src/lib/domain/image/image-acceptance.ts';
import { IMAGE_THRESHOLDS } from '../../../../src/lib/domain/image/image-thresholds.ts';

const good: ImageMetadata = {
	mime: 'image/jpeg', size: 300_000, width: 1600, height: 1200,
	quality: { blurScore: 800, meanLuma: 130, highlightShare: 0.01, isColour: true, coverage: 0.8 }
};
const q = (o: Partial<NonNullable<ImageMetadata['quality']>>) => ({ ...good, quality: { ...good.quality!, ...o } });
const rules = (m: ImageMetadata) => checkImage(m).issues.map((i) => i.rule);

describe('image acceptance', () => {
	it('accepts a sharp, well-lit colour photo', () => {
		expect(checkImage(good)).toMatchObject({ ok: true, issues: [] });
	});
	it('IMG-1 refuses formats other than JPEG and PNG', () => {
		expect(rules({ ...good, mime: 'image/heic' })).toEqual(['IMG-1']);
	});
	it('IMG-2 refuses images over 2 MB or empty', () => {
		expect(rules({ ...good, size: 3 * 1024 * 1024 })).toEqual(['IMG-2']);
		expect(rules({ ...good, size: 0 })).toEqual(['IMG-2']);
	});
	it('IMG-3 refuses a shorter side under 600 px', () => {
		expect(rules({ ...good, width: 800, height: 500 })).toEqual(['IMG-3']);
	});
	it('IMG-4 refuses greyscale', () => {
		expect(rules(q({ isColour: false }))).toEqual(['IMG-4']);
	});
	it('IMG-4 decides on the measured mean chroma when the device reports it', () => {
		expect(rules(q({ isColour: true, meanChroma: IMAGE_THRESHOLDS.minMeanChroma - 0.5 }))).toEqual(['IMG-4']);
		expect(checkImage(q({ isColour: true, meanChroma: 0.4 })).issues[0]).toMatchObject({ rule: 'IMG-4', severity: 'error', path: ['quality', 'meanChroma'] });
		expect(rules(q({ isColour: false, meanChroma: IMAGE_THRESHOLDS.minMeanChroma + 0.5 }))).toEqual([]);
	});
	it('IMG-5 refuses a blurred photo ("hold steady")', () => {
		expect(checkImage(q({ blurScore: IMAGE_THRESHOLDS.blurRefuse - 1 }))).toMatchObject({ ok: false, issues: [{ rule: 'IMG-5' }] });
	});
	it('IMG-6 warns about a slightly blurred photo', () => {
		expect(checkImage(q({ blurScore: (IMAGE_THRESHOLDS.blurRefuse + IMAGE_THRESHOLDS.blurWarn) / 2 }))).toMatchObject({ ok: true, issues: [{ rule: 'IMG-6' }] });
	});
	it('IMG-7 warns when too dark ("more light")', () => {
		expect(rules(q({ meanLuma: 30 }))).toEqual(['IMG-7']);
	});
	it('IMG-7 warns when too much of the frame is crushed to black, even at an acceptable mean', () => {
		expect(rules(q({ meanLuma: 120, shadowShare: IMAGE_THRESHOLDS.maxShadowShare + 0.01 }))).toEqual(['IMG-7']);
		expect(rules(q({ meanLuma: 120, shadowShare: IMAGE_THRESHOLDS.maxShadowShare - 0.01 }))).toEqual([]);
	});
	it('IMG-8 warns about glare', () => {
		expect(rules(q({ highlightShare: 0.2 }))).toEqual(['IMG-8']);
	});
	it('IMG-9 warns when the document does not fill the frame', () => {
		expect(rules(q({ coverage: IMAGE_THRESHOLDS.minCoverage - 0.05 }))).toEqual(['IMG-9']);
	});
	it('never throws on arbitrary numbers', () => {
		fc.assert(fc.property(fc.string(), fc.double(), fc.double(), fc.double(), (mime, size, width, height) =>
			typeof checkImage({ mime, size, width, height }).ok === 'boolean'));
	});
});
