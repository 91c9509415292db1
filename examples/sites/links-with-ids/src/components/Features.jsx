import { CreditCard, ShieldCheck, Send } from 'lucide-react';
import styles from '../style';

const features = [
  { id: 'feature-1', icon: CreditCard, title: 'Rewards', content: 'The best credit cards offer some tantalizing combinations of promotions and prizes.' },
  { id: 'feature-2', icon: ShieldCheck, title: '100% Secured', content: 'We take proactive steps to make sure your information and transactions are secure.' },
  { id: 'feature-3', icon: Send, title: 'Balance Transfer', content: 'A balance transfer card can save you a lot of money in interest charges.' },
];

const Features = () => (
  <section id="features" className={`${styles.paddingY} flex flex-col gap-8`}>
    <h2 className={styles.heading2}>You do the business, we&apos;ll handle the money.</h2>
    {features.map(({ id, icon: Icon, title, content }) => (
      <div key={id} className="flex flex-row items-start gap-5 rounded-[20px] p-6">
        <Icon className="h-8 w-8 text-secondary" aria-hidden="true" />
        <div>
          <h3 className="font-poppins font-semibold text-white text-[18px]">{title}</h3>
          <p className={styles.paragraph}>{content}</p>
        </div>
      </div>
    ))}
  </section>
);

export default Features;
