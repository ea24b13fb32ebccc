// Order ids are made on the device: these pages are not prerendered; the SPA shell (200.html,
// or the service worker's cached shell offline) opens them at any depth.
export const prerender = false;
