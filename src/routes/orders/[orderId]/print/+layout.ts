// Order ids are known only on the device: these pages render in the browser from the SPA shell.
export const prerender = false;
