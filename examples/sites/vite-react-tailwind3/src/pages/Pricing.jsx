export default function Pricing() {
  return (
    <section className="px-6 py-20">
      <div className="max-w-4xl mx-auto text-center">
        <h1 className="text-4xl font-bold text-gray-900">Pricing</h1>
        <p className="mt-4 text-gray-600">One plan, $12 per editor per month. Reviewers are free.</p>
      </div>
    </section>
  );
}
