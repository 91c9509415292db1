import Link from '@/components/Link'
import { allPosts } from '../posts'

export const metadata = { title: 'Blog' }

export default function BlogPage() {
  return (
    <div className="pt-6 pb-8">
      <h1 className="text-3xl font-extrabold text-gray-900 dark:text-gray-100">All Posts</h1>
      <ul className="mt-6 space-y-4">
        {allPosts.map((post) => (
          <li key={post.slug}>
            <Link href={`/blog/${post.slug}`} className="hover:text-primary-500">
              {post.title}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}
