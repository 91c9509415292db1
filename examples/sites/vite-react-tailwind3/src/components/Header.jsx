import { Link } from 'react-router-dom';

// The header of the first version of the site; the marketing layout has its own now.
export default function Header() {
  return (
    <header className="bg-gray-900 text-white">
      <div className="max-w-5xl mx-auto flex items-center justify-between px-4 py-3">
        <Link to="/" className="font-semibold">
          Acme
        </Link>
        <nav className="space-x-6 text-sm">
          <Link to="/about">About</Link>
          <Link to="/blog">Blog</Link>
        </nav>
      </div>
    </header>
  );
}
