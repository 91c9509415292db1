import * as React from "react";
import { Link } from "gatsby";

const Footer = () => {
  return (
    <footer className="footer has-background-black has-text-white-ter">
      <div className="container">
        <div className="columns">
          <div className="column is-6">
            <ul className="menu-list">
              <li>
                <Link to="/" className="navbar-item">
                  Home
                </Link>
              </li>
              <li>
                <Link className="navbar-item" to="/products">
                  Subscriptions
                </Link>
              </li>
              <li>
                <a className="navbar-item" href="/admin/" target="_blank" rel="noopener noreferrer">
                  Admin
                </a>
              </li>
            </ul>
          </div>
          <div className="column is-6 has-text-right">
            <p>&copy; {new Date().getFullYear()} Kestrel Coffee Roasters Ltd. Roasted in Leeds.</p>
          </div>
        </div>
      </div>
    </footer>
  );
};

export default Footer;
