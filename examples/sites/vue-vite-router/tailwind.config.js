/** @type {import('tailwindcss').Config} */
export default {
  content: ['./index.html', './src/**/*.{vue,js,ts}'],
  theme: {
    extend: {
      colors: {
        brand: {
          50: '#effaf9',
          100: '#d7f2ef',
          500: '#14938a',
          600: '#0f766e',
          700: '#115e59',
        },
      },
    },
  },
  plugins: [],
};
