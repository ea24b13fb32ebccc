/** Localised text for the capture pipeline's error codes (`capture/protocol.ts`), each saying what to do. */
import { m } from './paraglide/messages.js';
import type { CaptureError } from '../capture/protocol.ts';

const MESSAGES: Record<CaptureError, () => string> = {
	'heic-not-decodable': () => m.capture_error_heic_not_decodable(),
	'not-decodable': () => m.capture_error_not_decodable(),
	'empty-file': () => m.capture_error_empty_file(),
	'encode-failed': () => m.capture_error_encode_failed(),
	'worker-failed': () => m.capture_error_worker_failed()
};

export function describeCaptureError(code: CaptureError): string {
	return MESSAGES[code]();
}
