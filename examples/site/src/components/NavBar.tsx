import './NavBar.css';

const navLinks = [
  { label: 'Home', href: '/' },
  { label: 'Products', href: '/products' },
  { label: 'Contact', href: '/contact' },
];

export function NavBar() {
  return (
    <nav className="navbar" aria-label="Main">
      <a className="navbar__brand" href="/" data-ux="navbar-brand">
        Acme
      </a>
      <span className="navbar__tagline" data-ux="navbar-text">Tools for builders</span>
      <ul className="navbar__links">
        {navLinks.map((link) => (
          <li key={link.href}>
            <a href={link.href}>{link.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
