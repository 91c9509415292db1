import { defineCollection, z } from 'astro:content';
import { file } from 'astro/loaders';

const faq = defineCollection({
  loader: file('src/data/faq.json'),
  schema: z.object({
    question: z.string(),
    answer: z.string(),
  }),
});

export const collections = { faq };
