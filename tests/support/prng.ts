/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) for fuzzing and fault injection, so
 * a failing run can be replayed from its seed. Not for anything secret.
 */

export interface Prng {
	/** The seed this generator started from (print it when something fails). */
	readonly seed: number;
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max] (both inclusive). */
	int(min: number, max: number): number;
	/** True with probability `p`. */
	chance(p: number): boolean;
	/** One element of a non-empty array. */
	pick<T>(items: readonly T[]): T;
	/** A key of `weights`, chosen in proportion to its weight. */
	weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
	/** A child generator whose sequence depends only on this one's next value. */
	fork(): Prng;
}

/** Formats a seed the way tests name pinned seeds: `0x0000abcd`. */
export function formatSeed(seed: number): string {
	return '0x' + (seed >>> 0).toString(16).padStart(8, '0');
}

/** Parses `0x…` or decimal; throws on anything else. */
export function parseSeed(text: string): number {
	const value = text.startsWith('0x') ? Number.parseInt(text.slice(2), 16) : Number(text);
	if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`not a 32-bit seed: ${text}`);
	return value >>> 0;
}

/** A fresh seed from the system's randomness (for runs that are not pinned). */
export function randomSeed(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
}

export function createPrng(seed: number): Prng {
	const start = seed >>> 0;
	let mix = start;
	const splitmix = (): number => {
		mix = (mix + 0x9e3779b9) | 0;
		let z = mix;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	};
	let a = splitmix();
	let b = splitmix();
	let c = splitmix();
	let d = 1;
	const nextUint32 = (): number => {
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return t >>> 0;
	};
	// Discard the first outputs: sfc32 mixes poorly right after seeding.
	for (let i = 0; i < 12; i++) nextUint32();

	const prng: Prng = {
		seed: start,
		next: () => nextUint32() / 0x1_0000_0000,
		int(min, max) {
			if (!(max >= min)) throw new RangeError(`empty range ${min}..${max}`);
			return min + Math.floor(prng.next() * (max - min + 1));
		},
		chance: (p) => prng.next() < p,
		pick(items) {
			if (items.length === 0) throw new RangeError('pick from an empty array');
			return items[prng.int(0, items.length - 1)] as (typeof items)[number];
		},
		weighted(weights) {
			const entries = Object.entries(weights) as [keyof typeof weights, number][];
			const total = entries.reduce((sum, [, w]) => sum + w, 0);
			let roll = prng.next() * total;
			for (const [key, weight] of entries) {
				roll -= weight;
				if (roll < 0) return key;
			}
			return (entries.at(-1) as [keyof typeof weights, number])[0];
		},
		fork: () => createPrng(nextUint32())
	};
	return prng;
}
