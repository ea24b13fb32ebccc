/**
 * Website-name word lists as versioned data (domain-research §5.5). National lists [C] feed
 * errors; provider and provincial lists [S] feed warnings with their reason. Update by editing
 * data, never by adding code branches.
 */
import type { PreApprovalCategory } from './website.ts';

export interface WordList {
	readonly asOf: string;
	readonly source: string;
	readonly words: readonly string[];
}

export const NAME_WORDS_VERSION = '2026-11-01';

/** Prefixes only national units may use — [C][T6]. */
export const STATE_PREFIXES: WordList = {
	asOf: '2026-11-01',
	source: '§5.5.4 [C][T6]',
	words: ['中国', '中华', '中央', '人民', '人大', '国家']
};

/** Further prefixes named by other sources — [S][X14]. */
export const STATE_PREFIXES_REPORTED: WordList = {
	asOf: '2026-11-01',
	source: '§5.5.4 [S][X14]',
	words: ['全国', '华夏']
};

export const SENSITIVE_WORDS: WordList = {
	asOf: '2026-11-01',
	source: '§5.5.6 [C][T6]',
	words: ['反腐', '赌博', '廉政', '色情']
};

export const SENSITIVE_WORDS_REPORTED: WordList = {
	asOf: '2026-11-01',
	source: '§5.5.6 [S][X14]',
	words: ['纪检', '监察', '信访', '维权', '投诉']
};

/** Name words that need a pre-approval — §5.5.7 [S][X14], categories from §5.7 [T10]. */
export const PRE_APPROVAL_WORDS: Readonly<Record<string, PreApprovalCategory>> = {
	新闻: 'news',
	出版: 'publishing',
	药品: 'drugs-medical-devices',
	文化: 'culture',
	影视: 'radio-film-tv',
	教育: 'education',
	医疗: 'healthcare',
	论坛: 'electronic-bulletin'
};

/** Categories whose approval is largely cancelled nationally — warn, do not block (§5.7 [C][T10]). */
export const PROVINCIAL_PRE_APPROVALS: readonly PreApprovalCategory[] = ['education', 'healthcare', 'electronic-bulletin'];

/** Company / organisation words an individual's site may not carry — §5.5 [C][T28] (words [I]). */
export const COMPANY_WORDS: WordList = {
	asOf: '2026-11-01',
	source: '§5.5 individual sites [C][T28][T3]',
	words: ['公司', '集团', '有限', '股份', '企业', '工厂', '商行']
};

/** Words forbidden for individual sites (Xinnet/QingCloud lists) — §5.5 [S][X13][X14]. */
export const INDIVIDUAL_WORDS: WordList = {
	asOf: '2026-11-01',
	source: '§5.5 individual sites [S][X13][X14]',
	words: [
		'导航', '工作室', '论坛', '平台', '热线', '社区', '社团', '网络', '网站', '网址', '主页', '资讯',
		'博客', '在线', '交流', '服务', '作品展示', '个人空间', '爱好者'
	]
};

/** Extra words some provinces refuse for individuals — §5.5 [S][X15]; 视频 [S][X16]. */
export const INDIVIDUAL_WORDS_PROVINCIAL: WordList = {
	asOf: '2026-11-01',
	source: '§5.5 individual sites [S][X15][X16]',
	words: [
		'合伙', '框架', '大众', '维修', '设计', '沙龙', '艺术', '评论', '官网', '转让', '品牌', '排行榜', '行业',
		'宣传', '电商', '报价', '管理', '工坊', '传播', '中心', '咨询', '投资', '售后', '学院', '贸易', '旗舰',
		'产业', '农业', '传媒', '系统', '媒体', '股票', '证券', '彩票', '营销', '商城', '交易', '折扣', '定制',
		'购物', '视频'
	]
};

/** The words of `list` that occur in `text`. */
export function wordsIn(text: string, list: WordList): string[] {
	return list.words.filter((w) => text.includes(w));
}
