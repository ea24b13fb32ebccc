// A single-page app: the shell is prerendered once, everything renders in the browser.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
