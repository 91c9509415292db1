export const navLinks = [
  {
    id: 'home',
    title: 'Home',
  },
  {
    id: 'features',
    title: 'Features',
  },
  {
    id: 'product',
    title: 'Product',
  },
  {
    id: 'clients',
    title: 'Clients',
  },
];

export const footerLinks = [
  { title: 'Help Center', link: 'https://www.paynest.example/help' },
  { title: 'Partners', link: 'https://www.paynest.example/partners' },
  { title: 'Privacy Policy', link: 'https://www.paynest.example/privacy' },
];
