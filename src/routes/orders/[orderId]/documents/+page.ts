// Order ids exist only in workspace docs on devices: nothing to prerender; the SPA fallback
// (200.html) and the service worker's shell answer a reload at this depth, online or offline.
export const prerender = false;
