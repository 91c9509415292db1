/** @type {import('tailwindcss').Config} */
export default {
  content: ['./components/**/*.vue', './layouts/**/*.vue', './pages/**/*.vue', './app.vue'],
  theme: {
    extend: {},
  },
  plugins: [require('daisyui')],
  daisyui: {
    themes: [
      {
        brewlog: {
          primary: '#6f4e37',
          secondary: '#d4a373',
          accent: '#2a9d8f',
          neutral: '#3d3028',
          'base-100': '#fffaf3',
        },
      },
      'dim',
    ],
    darkTheme: 'dim',
  },
};
