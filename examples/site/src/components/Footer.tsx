import './Footer.css';

export function Footer() {
  return (
    <footer className="site-footer">
      <p data-ux="footer-text">© 2025 Acme Inc. All rights reserved.</p>
    </footer>
  );
}
