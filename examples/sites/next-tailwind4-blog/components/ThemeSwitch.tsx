'use client'

import { useTheme } from 'next-themes'

const ThemeSwitch = () => {
  const { resolvedTheme, setTheme } = useTheme()
  return (
    <button
      aria-label="Toggle dark mode"
      className="hover:text-primary-500 text-gray-900 dark:text-gray-100"
      onClick={() => setTheme(resolvedTheme === 'dark' ? 'light' : 'dark')}
    >
      {resolvedTheme === 'dark' ? '☀' : '☾'}
    </button>
  )
}

export default ThemeSwitch
