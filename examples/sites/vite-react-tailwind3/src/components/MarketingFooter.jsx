import { Link } from 'react-router-dom';

const MarketingFooter = () => {
  const currentYear = new Date().getFullYear();

  return (
    <footer className="border-t border-gray-200 bg-white dark:bg-gray-950" role="contentinfo">
      <div className="max-w-7xl mx-auto flex flex-col items-center justify-between gap-6 px-4 py-10 md:flex-row">
        <nav className="flex space-x-6 text-sm" aria-label="Footer">
          <a href="#features" className="text-gray-600 hover:text-brand">
            Features
          </a>
          <Link to="/pricing" className="text-gray-600 hover:text-brand">
            Pricing
          </Link>
          <Link to="/legal/privacy" className="text-gray-600 hover:text-brand">
            Privacy Policy
          </Link>
        </nav>

        <div className="text-center text-sm text-gray-600 md:text-right">
          <div>&copy; {currentYear} Acme Co. All rights reserved.</div>
          <div className="mt-1">Designed &amp; built in Lisbon.</div>
        </div>
      </div>
    </footer>
  );
};

export default MarketingFooter;
