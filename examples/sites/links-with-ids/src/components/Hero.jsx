import { ArrowUpRight } from 'lucide-react';
import styles from '../style';

const Hero = () => (
  <section id="home" className={`flex md:flex-row flex-col ${styles.paddingY}`}>
    <div className={`flex-1 ${styles.flexCenter} flex-col xl:px-0 sm:px-16 px-6`}>
      <h1 className="font-poppins font-semibold ss:text-[72px] text-[52px] text-white ss:leading-[100.8px] leading-[75px] w-full">
        The Next Generation Payment Method.
      </h1>
      <p className={`${styles.paragraph} max-w-[470px] mt-5`}>
        Our team of experts uses a methodology to identify the credit cards most likely to fit your needs.
      </p>
      <a
        href="#product"
        className="mt-10 inline-flex items-center gap-2 rounded-full bg-secondary px-6 py-3 font-poppins font-medium text-primary"
      >
        Get Started
        <ArrowUpRight className="h-5 w-5" aria-hidden="true" />
      </a>
    </div>
  </section>
);

export default Hero;
