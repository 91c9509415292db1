/** @type {import('tailwindcss').Config} */
export default {
  darkMode: 'class',
  content: ['./index.html', './src/**/*.{js,jsx}'],
  theme: {
    extend: {
      colors: {
        // the Acme green, used for links, focus rings and the CTA gradient
        brand: {
          DEFAULT: '#0CCE6B',
          hover: '#0BBE60',
          dark: '#474747',
        },
      },
    },
  },
  plugins: [],
};
