import HeroSection from '../components/landing/HeroSection';

const FEATURES = [
  { title: 'Drafts that stay drafts', body: 'Preview every change before anyone else sees it.' },
  { title: 'Reviews in one place', body: 'Comments sit next to the words they are about.' },
  { title: 'Publish in one click', body: 'No build queue, no deploy window.' },
];

export default function Landing() {
  return (
    <>
      <HeroSection />
      <section id="about" className="bg-gray-50 px-6 py-16 dark:bg-gray-900">
        <div className="max-w-3xl mx-auto text-gray-700 dark:text-gray-300">
          <h2 className="text-2xl font-semibold text-gray-900 dark:text-white">About Acme</h2>
          <p className="mt-4">We are a small team that got tired of waiting three weeks to change a headline.</p>
        </div>
      </section>
      <section id="features" className="px-6 py-16">
        <div className="max-w-6xl mx-auto grid gap-8 md:grid-cols-3">
          {FEATURES.map((feature) => (
            <div key={feature.title} className="rounded-xl border border-gray-200 p-6 hover:bg-gray-50">
              <h3 className="font-semibold text-gray-900">{feature.title}</h3>
              <p className="mt-2 text-gray-600">{feature.body}</p>
            </div>
          ))}
        </div>
      </section>
      <section id="faq" className="px-6 py-16">
        <div className="max-w-3xl mx-auto">
          <h2 className="text-2xl font-semibold text-gray-900">Questions</h2>
          <p className="mt-4 text-gray-600">Can I try it first? Yes: every plan starts with 14 free days.</p>
        </div>
      </section>
    </>
  );
}
