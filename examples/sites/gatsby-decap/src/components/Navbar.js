import React, { useState } from "react";
import { Link } from "gatsby";

const Navbar = () => {
  const [isActive, setIsActive] = useState(false);

  return (
    <nav className="navbar is-white" role="navigation" aria-label="main-navigation">
      <div className="container">
        <div className="navbar-brand">
          <Link to="/" className="navbar-item has-text-weight-bold" title="Home">
            Kestrel Coffee
          </Link>
          <button
            className={`navbar-burger burger ${isActive && "is-active"}`}
            aria-expanded={isActive}
            onClick={() => setIsActive(!isActive)}
          >
            <span />
            <span />
            <span />
          </button>
        </div>
        <ul id="navMenu" className={`navbar-start has-text-centered navbar-menu ${isActive && "is-active"}`}>
          <li className="navbar-item">
            <Link className="navbar-item" to="/about">
              About
            </Link>
          </li>
          <li className="navbar-item">
            <Link className="navbar-item" to="/products">
              Subscriptions
            </Link>
          </li>
          <li className="navbar-item">
            <Link className="navbar-item" to="/blog">
              Journal
            </Link>
          </li>
          <li className="navbar-item">
            <Link className="navbar-item" to="/contact">
              Contact
            </Link>
          </li>
        </ul>
      </div>
    </nav>
  );
};

export default Navbar;
