import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import MarketingLayout from './layouts/MarketingLayout';
import Landing from './pages/Landing';

const Pricing = lazy(() => import('./pages/Pricing'));

export default function App() {
  return (
    <Suspense fallback={<div className="p-8 text-gray-500">Loading…</div>}>
      <Routes>
        <Route element={<MarketingLayout />}>
          <Route index element={<Landing />} />
          <Route path="pricing" element={<Pricing />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
