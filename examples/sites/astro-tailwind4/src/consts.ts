// Place any global data in this file.
// You can import this data from anywhere in your site by using the `import` keyword.

export const SITE_TITLE = 'Orbit Analytics';
export const SITE_DESCRIPTION = 'Privacy-first product analytics for small teams. No cookies, no sampling, no surprises.';
