import { Link, Outlet, useLocation } from 'react-router-dom';
import MarketingFooter from '../components/MarketingFooter';

export default function MarketingLayout() {
  const location = useLocation();

  // Nav items are anchors on the landing page, so compare the hash too.
  const isActive = (hash) => location.pathname === '/' && location.hash === hash;

  return (
    <div className="min-h-screen bg-gradient-to-br from-gray-50 via-white to-gray-50 dark:from-gray-950 dark:to-gray-900">
      <header className="fixed inset-x-0 top-0 z-50 bg-white/80 dark:bg-gray-950 backdrop-blur-lg border-b border-gray-200/50">
        <div className="max-w-7xl mx-auto flex items-center justify-between px-4 py-4">
          <Link to="/" className="text-xl font-bold text-gray-900 dark:text-white" aria-label="Acme Co. home">
            Acme
          </Link>

          <nav className="hidden md:flex items-center space-x-8" aria-label="Main navigation">
            <a
              href="/#about"
              className={`rounded transition-colors ${
                isActive('#about') ? 'text-brand font-medium' : 'text-gray-600 hover:text-brand'
              }`}
            >
              About
            </a>
            <a
              href="/#features"
              className={`rounded transition-colors ${
                isActive('#features') ? 'text-brand font-medium' : 'text-gray-600 hover:text-brand'
              }`}
            >
              Features
            </a>
            <a
              href="/#faq"
              className={`rounded transition-colors ${
                isActive('#faq') ? 'text-brand font-medium' : 'text-gray-600 hover:text-brand'
              }`}
            >
              FAQ
            </a>
          </nav>

          <div className="flex items-center space-x-3">
            <Link to="/login" className="rounded px-3 py-2 text-gray-600 hover:bg-gray-50 hover:text-brand">
              Sign in
            </Link>
            <Link
              to="/join"
              className="bg-gradient-to-r from-[#474747] to-[#0CCE6B] px-5 py-2 font-semibold text-white shadow-md"
            >
              Sign up
            </Link>
          </div>
        </div>
      </header>

      <main className="pt-20">
        <Outlet />
      </main>

      <MarketingFooter />
    </div>
  );
}
