import './Home.css';

export function Home() {
  return (
    <section className="home">
      <h2 className="home__hero" data-ux="home-hero-text">
        Build faster with Acme
      </h2>
      <p className="home__description" data-ux="home-description">
        Acme gives small teams the tools to ship websites without waiting on anyone.
      </p>
      <a className="home__cta" href="/signup" data-ux="home-cta-text">
        Get started
      </a>
    </section>
  );
}
