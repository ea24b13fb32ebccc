/** Plain-text tables and `--name value` options for the benchmark scripts. */

/** Prints a Markdown-style table (first row is the header). */
export function printTable(rows: string[][]): void {
	const columns = Math.max(...rows.map((r) => r.length));
	const widths = Array.from({ length: columns }, (_, i) => Math.max(3, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) => `| ${widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join(' | ')} |`;
	const [header, ...body] = rows;
	console.log(line(header ?? []));
	console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const row of body) console.log(line(row));
}

/** The value after `--name` in argv, or `fallback`. */
export function option(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	const value = index >= 0 ? process.argv[index + 1] : undefined;
	return value ?? fallback;
}

/** A numeric `--name value`; throws on something that is not a finite number. */
export function numberOption(name: string, fallback: number): number {
	const text = option(name, String(fallback)).replaceAll('_', '');
	const value = Number(text);
	if (!Number.isFinite(value)) throw new RangeError(`--${name} needs a number, got ${text}`);
	return value;
}

export function ms(value: number): string {
	return `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}
