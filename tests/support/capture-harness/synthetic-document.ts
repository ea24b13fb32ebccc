/**
 * Browser-side drawing of synthetic document photos for the capture tests: an ID-card-like card
 * (or a portrait licence with a red seal) lying on a table, then the camera's faults — defocus
 * or motion blur, under- or overexposure, sensor noise, a black-and-white filter, a document
 * too far away, the sensor's rotation (stored 90° counter-clockwise for EXIF orientation 6).
 * Deterministic: a seeded PRNG drives noise and the text strokes.
 */

export interface DocumentSpec {
	width: number;
	height: number;
	seed: number;
	layout: 'id-card' | 'licence';
	/** Share of the frame's width (id-card) or height (licence) the document spans. */
	documentScale: number;
	background: string;
	blurPx?: number;
	motionPx?: number;
	/** Exposure multiplier: < 1 darker, > 1 brighter (clips). */
	exposure?: number;
	/** Uniform noise amplitude in grey levels, added after exposure. */
	noise: number;
	greyscale?: boolean;
	/** Store rotated 90° counter-clockwise (to be shown upright with EXIF orientation 6). */
	rotateForOrientation6?: boolean;
	mime: 'image/jpeg' | 'image/png';
	quality?: number;
}

function prng(seed: number): () => number {
	let s = seed >>> 0 || 1;
	return () => {
		s ^= s << 13;
		s ^= s >>> 17;
		s ^= s << 5;
		return (s >>> 0) / 4294967296;
	};
}

function ctx2d(canvas: HTMLCanvasElement | OffscreenCanvas): CanvasRenderingContext2D {
	return canvas.getContext('2d') as unknown as CanvasRenderingContext2D;
}

function textLine(ctx: CanvasRenderingContext2D, x: number, y: number, size: number, text: string): void {
	ctx.font = `${size}px 'Noto Sans CJK SC', sans-serif`;
	ctx.fillText(text, x, y);
}

function drawIdCard(ctx: CanvasRenderingContext2D, w: number, h: number, random: () => number): void {
	const gradient = ctx.createLinearGradient(0, 0, w, h);
	gradient.addColorStop(0, '#e8f1f6');
	gradient.addColorStop(1, '#d6e6ee');
	ctx.fillStyle = gradient;
	ctx.beginPath();
	ctx.roundRect(0, 0, w, h, h * 0.05);
	ctx.fill();
	ctx.strokeStyle = '#8fb3c6';
	ctx.lineWidth = Math.max(1, h * 0.006);
	ctx.stroke();
	// Guilloche-like wavy lines.
	ctx.strokeStyle = 'rgba(120, 170, 200, 0.35)';
	for (let k = 0; k < 6; k++) {
		ctx.beginPath();
		for (let x = 0; x <= w; x += w / 80) ctx.lineTo(x, h * (0.15 + k * 0.14) + Math.sin(x / (w * 0.05) + k) * h * 0.02);
		ctx.stroke();
	}
	ctx.fillStyle = '#1d2a33';
	const size = h * 0.06;
	const labels = ['姓名  张 三', '性别  男    民族  汉', '出生  1990 年 1 月 1 日', '住址  北京市东城区景山前街', '        4 号 院 ' + Math.floor(random() * 90 + 10) + ' 号'];
	labels.forEach((label, i) => textLine(ctx, w * 0.06, h * (0.17 + i * 0.12), size, label));
	ctx.font = `bold ${h * 0.07}px monospace`;
	ctx.fillText('公民身份号码  11010519491231002X', w * 0.06, h * 0.88);
	// Photo box with a head and shoulders.
	const px = w * 0.66, py = h * 0.12, pw = w * 0.27, ph = h * 0.6;
	ctx.fillStyle = '#cfd8de';
	ctx.fillRect(px, py, pw, ph);
	ctx.fillStyle = '#6b4f3a';
	ctx.beginPath();
	ctx.ellipse(px + pw / 2, py + ph * 0.38, pw * 0.22, ph * 0.22, 0, 0, Math.PI * 2);
	ctx.fill();
	ctx.fillStyle = '#2c3e50';
	ctx.beginPath();
	ctx.ellipse(px + pw / 2, py + ph, pw * 0.45, ph * 0.32, 0, Math.PI, 0);
	ctx.fill();
}

function drawLicence(ctx: CanvasRenderingContext2D, w: number, h: number, random: () => number): void {
	ctx.fillStyle = '#fbf7ee';
	ctx.fillRect(0, 0, w, h);
	ctx.strokeStyle = '#b08a3e';
	ctx.lineWidth = w * 0.012;
	ctx.strokeRect(w * 0.04, w * 0.04, w * 0.92, h - w * 0.08);
	ctx.fillStyle = '#7a1f1f';
	ctx.font = `bold ${w * 0.09}px 'Noto Serif CJK SC', serif`;
	ctx.textAlign = 'center';
	ctx.fillText('营 业 执 照', w / 2, h * 0.14);
	ctx.textAlign = 'left';
	ctx.fillStyle = '#222';
	const size = w * 0.035;
	const rows = ['统一社会信用代码  91330106673959654P', '名        称  示例科技有限公司', '类        型  有限责任公司', '法定代表人  李 四', '经营范围  技术开发、技术服务', '注册资本  壹佰万元整', '成立日期  2016 年 ' + Math.floor(random() * 12 + 1) + ' 月 8 日', '住        所  浙江省杭州市西湖区'];
	rows.forEach((row, i) => textLine(ctx, w * 0.1, h * (0.24 + i * 0.065), size, row));
	ctx.strokeStyle = '#999';
	ctx.lineWidth = 1;
	for (let i = 0; i < 8; i++) {
		ctx.beginPath();
		ctx.moveTo(w * 0.1, h * (0.255 + i * 0.065));
		ctx.lineTo(w * 0.9, h * (0.255 + i * 0.065));
		ctx.stroke();
	}
	// Red seal.
	ctx.strokeStyle = 'rgba(210, 30, 30, 0.85)';
	ctx.fillStyle = 'rgba(210, 30, 30, 0.85)';
	ctx.lineWidth = w * 0.012;
	ctx.beginPath();
	ctx.arc(w * 0.7, h * 0.83, w * 0.13, 0, Math.PI * 2);
	ctx.stroke();
	ctx.font = `${w * 0.04}px 'Noto Serif CJK SC', serif`;
	ctx.fillText('★', w * 0.68, h * 0.84);
	ctx.fillText('登记机关', w * 0.62, h * 0.9);
}

/** The scene without camera faults: the document centred on the table. */
function scene(spec: DocumentSpec, random: () => number): OffscreenCanvas {
	const canvas = new OffscreenCanvas(spec.width, spec.height);
	const ctx = ctx2d(canvas);
	const table = ctx.createLinearGradient(0, 0, spec.width, spec.height);
	table.addColorStop(0, spec.background);
	table.addColorStop(1, '#6f675c');
	ctx.fillStyle = table;
	ctx.fillRect(0, 0, spec.width, spec.height);
	const card = spec.layout === 'id-card'
		? { w: spec.width * spec.documentScale, h: (spec.width * spec.documentScale * 53.98) / 85.6 }
		: { w: (spec.height * spec.documentScale) / Math.SQRT2, h: spec.height * spec.documentScale };
	ctx.save();
	ctx.translate((spec.width - card.w) / 2, (spec.height - card.h) / 2);
	ctx.shadowColor = 'rgba(0,0,0,0.35)';
	ctx.shadowBlur = card.h * 0.03;
	ctx.fillStyle = '#000';
	ctx.fillRect(card.w * 0.01, card.h * 0.01, card.w * 0.98, card.h * 0.98);
	ctx.shadowColor = 'transparent';
	if (spec.layout === 'id-card') drawIdCard(ctx, card.w, card.h, random);
	else drawLicence(ctx, card.w, card.h, random);
	ctx.restore();
	return canvas;
}

/** Draws the photo `spec` describes and encodes it (no EXIF: the Node side adds it). */
export async function drawDocumentPhoto(spec: DocumentSpec): Promise<Blob> {
	const random = prng(spec.seed);
	const clean = scene(spec, random);
	const shot = new OffscreenCanvas(spec.width, spec.height);
	const ctx = ctx2d(shot);
	// The unfiltered scene underneath: a blur filter fades the canvas borders to transparent, and
	// shifted copies leave strips — neither happens in a camera.
	ctx.drawImage(clean, 0, 0);
	const filters = [spec.blurPx ? `blur(${spec.blurPx}px)` : '', spec.exposure ? `brightness(${spec.exposure})` : ''].filter(Boolean).join(' ');
	ctx.filter = filters || 'none';
	if (spec.motionPx) {
		// Running average of shifted copies: copy i is drawn at 1/(i+1) over the average so far.
		const steps = Math.max(2, Math.round(spec.motionPx));
		for (let i = 0; i < steps; i++) {
			ctx.globalAlpha = 1 / (i + 1);
			ctx.drawImage(clean, (i - steps / 2) * (spec.motionPx / steps), 0);
		}
		ctx.globalAlpha = 1;
	} else {
		ctx.drawImage(clean, 0, 0);
	}
	ctx.filter = 'none';
	const pixels = ctx.getImageData(0, 0, spec.width, spec.height);
	const d = pixels.data;
	for (let p = 0; p < d.length; p += 4) {
		const n = (random() * 2 - 1) * spec.noise;
		d[p] = (d[p] as number) + n;
		d[p + 1] = (d[p + 1] as number) + n;
		d[p + 2] = (d[p + 2] as number) + n;
		if (spec.greyscale) {
			const y = ((d[p] as number) * 77 + (d[p + 1] as number) * 150 + (d[p + 2] as number) * 29) >> 8;
			d[p] = d[p + 1] = d[p + 2] = y;
		}
	}
	ctx.putImageData(pixels, 0, 0);
	let out = shot;
	if (spec.rotateForOrientation6) {
		out = new OffscreenCanvas(spec.height, spec.width);
		const r = ctx2d(out);
		r.translate(0, spec.width);
		r.rotate(-Math.PI / 2);
		r.drawImage(shot, 0, 0);
	}
	return out.convertToBlob({ type: spec.mime, ...(spec.mime === 'image/jpeg' ? { quality: spec.quality ?? 0.85 } : {}) });
}
