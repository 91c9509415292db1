import typography from '@tailwindcss/typography';

/** @type {import('tailwindcss').Config} */
export default {
	content: ['./src/**/*.{html,js,svelte,ts}'],

	theme: {
		extend: {
			colors: {
				// Northwind indigo: buttons, links, the active nav item
				primary: {
					50: '#eef2ff',
					100: '#e0e7ff',
					500: '#6366f1',
					600: '#4f46e5',
					700: '#4338ca',
					900: '#312e81'
				}
			}
		}
	},

	plugins: [typography]
};
