import './Header.css';

interface HeaderLink {
  label: string;
  href: string;
}

// Links shown under the title; the UX Agent appends to this list.
const headerLinks: HeaderLink[] = [
  { label: 'About', href: '/about' },
  { label: 'Blog', href: '/blog' },
];

export function Header() {
  return (
    <header className="site-header">
      <h1 data-ux="header-text">Welcome to Acme</h1>
      <ul className="site-header__links">
        {headerLinks.map((link) => (
          <li key={link.href}>
            <a href={link.href}>{link.label}</a>
          </li>
        ))}
      </ul>
    </header>
  );
}
