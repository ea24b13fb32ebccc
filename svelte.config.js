import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// precompress: every HTML/JS/CSS/JSON/SVG file also as `.br` and `.gz`; the server picks one by Accept-Encoding.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true, precompress: true }),
		// Absolute asset URLs (`/_app/…`): the same shell works at every route depth (the service
		// worker answers every navigation with it, and relative URLs broke reloads on /account/subject).
		paths: { relative: false },
		serviceWorker: { register: false },
		version: { pollInterval: 0 }
	}
};

export default config;
