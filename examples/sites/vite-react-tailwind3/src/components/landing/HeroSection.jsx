import { ArrowRight } from 'lucide-react';
import { Link } from 'react-router-dom';

const HeroSection = () => {
  return (
    <section id="hero" className="bg-white px-6 pt-20 pb-16" aria-labelledby="hero-heading">
      <div className="max-w-6xl mx-auto">
        <h1
          id="hero-heading"
          className="text-4xl md:text-6xl font-bold leading-tight bg-gradient-to-r from-[#474747] to-[#0CCE6B] bg-clip-text text-transparent"
        >
          Launch pages your team
          <br />will actually enjoy.
        </h1>

        <p className="mt-6 max-w-2xl text-lg text-gray-600">
          Draft, review and publish marketing pages without waiting on a sprint.
        </p>

        <div className="mt-10 flex flex-wrap items-center gap-6">
          <Link
            to="/join"
            className="group inline-flex items-center gap-2 bg-gradient-to-r from-[#474747] to-[#0CCE6B] px-8 py-4 font-semibold text-white hover:opacity-90"
          >
            Start your free trial
            <ArrowRight className="h-4 w-4 transition-transform group-hover:translate-x-1" aria-hidden="true" />
          </Link>
          <a href="#about" className="border-b border-gray-300 pb-0.5 text-sm font-medium text-gray-500 hover:text-gray-900">
            Learn more
          </a>
        </div>
      </div>
    </section>
  );
};

export default HeroSection;
