import styles from '../style';
import { footerLinks } from '../constants';

const Footer = () => (
  <footer id="clients" className={`${styles.flexCenter} ${styles.paddingY} flex-col`}>
    <ul className="flex flex-wrap gap-6">
      {footerLinks.map((link) => (
        <li key={link.title}>
          <a href={link.link} className="font-poppins text-[16px] text-dimWhite hover:text-secondary">
            {link.title}
          </a>
        </li>
      ))}
    </ul>
    <div className="w-full flex justify-between items-center md:flex-row flex-col pt-6 mt-6 border-t-[1px] border-t-[#3F3E45]">
      <p className="font-poppins font-normal text-center text-[18px] leading-[27px] text-white">
        Copyright Ⓒ 2024 PayNest. All Rights Reserved.
      </p>
    </div>
  </footer>
);

export default Footer;
