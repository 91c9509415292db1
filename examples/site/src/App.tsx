import { Footer } from './components/Footer';
import { Header } from './components/Header';
import { NavBar } from './components/NavBar';
import { Home } from './pages/Home';

export function App() {
  return (
    <>
      <NavBar />
      <Header />
      <main>
        <Home />
      </main>
      <Footer />
    </>
  );
}
