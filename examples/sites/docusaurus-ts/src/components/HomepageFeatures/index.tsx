import type {ReactNode} from 'react';
import clsx from 'clsx';
import Heading from '@theme/Heading';
import styles from './styles.module.css';

type FeatureItem = {
  title: string;
  description: ReactNode;
};

const FeatureList: FeatureItem[] = [
  {
    title: 'One agent, every language',
    description: (
      <>
        Install one agent per host. It instruments Node.js, Go, Python and Java services
        without code changes.
      </>
    ),
  },
  {
    title: 'Traces linked to logs',
    description: (
      <>
        Jump from a slow span to the log lines it wrote, and back, without copying ids around.
      </>
    ),
  },
  {
    title: 'Alerts that explain themselves',
    description: (
      <>
        Every alert links to the deploy, the trace and the query that fired it.
      </>
    ),
  },
];

function Feature({title, description}: FeatureItem) {
  return (
    <div className={clsx('col col--4')}>
      <div className="text--center padding-horiz--md">
        <Heading as="h3">{title}</Heading>
        <p>{description}</p>
      </div>
    </div>
  );
}

export default function HomepageFeatures(): ReactNode {
  return (
    <section className={styles.features}>
      <div className="container">
        <div className="row">
          {FeatureList.map((props, idx) => (
            <Feature key={idx} {...props} />
          ))}
        </div>
      </div>
    </section>
  );
}
