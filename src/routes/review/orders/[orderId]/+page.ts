// Order ids are only known at run time: rendered in the browser from the SPA fallback.
export const prerender = false;
