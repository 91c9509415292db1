export interface Post {
  slug: string
  title: string
  date: string
  summary: string
}

export const allPosts: Post[] = [
  { slug: 'boring-deploys', title: 'In praise of boring deploys', date: '2024-11-02', summary: 'Why the best release is the one nobody notices.' },
  { slug: 'one-table', title: 'One table is enough', date: '2024-09-14', summary: 'What a single DynamoDB table taught me about access patterns.' },
]
