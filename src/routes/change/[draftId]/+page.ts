// Draft ids are made on the device: not prerendered; the SPA shell opens this page at any depth.
export const prerender = false;
