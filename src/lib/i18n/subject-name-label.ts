/** The label of the subject's name, on its own so the start page does not load every code list's labels (`labels.ts`). */
import { m } from './paraglide/messages.js';

/** The label of the subject's name: 主办单位名称, or 姓名 for an individual (domain-research §5.2). */
export function subjectNameLabel(subjectType: string | null | undefined): string {
	return subjectType === 'individual' ? m.subject_name_label_individual() : m.subject_name_label();
}
