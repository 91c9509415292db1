/** @type {{ title: string, author: string, headerTitle: string, description: string, [key: string]: unknown }} */
const siteMetadata = {
  title: 'Field Notes',
  author: 'Rosa Almeida',
  headerTitle: 'FieldNotes',
  description: 'Notes on building small, durable software.',
  language: 'en-us',
  theme: 'system', // system, dark or light
  siteUrl: 'https://fieldnotes.example.com',
  email: 'rosa@fieldnotes.example.com',
  github: 'https://github.com',
  stickyNav: false,
  locale: 'en-US',
}

module.exports = siteMetadata
