export const siteName = 'Northwind';
export const siteUrl = 'https://northwind.dev';
export const siteDescription =
	'Northwind turns merged pull requests into release notes, changelogs and in-app announcements your customers actually read.';
