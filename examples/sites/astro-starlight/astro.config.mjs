// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

// https://astro.build/config
export default defineConfig({
	integrations: [
		starlight({
			title: 'Tidepool',
			description: 'Documentation for the Tidepool sensor kit.',
			social: [{ icon: 'github', label: 'GitHub', href: 'https://github.com/tidepool/kit' }],
			customCss: ['./src/styles/custom.css'],
			sidebar: [
				{
					label: 'Guides',
					items: [
						// Each item here is one entry in the navigation menu.
						{ label: 'Assemble the kit', slug: 'guides/assemble' },
						{ label: 'Calibrate', slug: 'guides/calibrate' },
					],
				},
				{
					label: 'Reference',
					autogenerate: { directory: 'reference' },
				},
			],
		}),
	],
});
