import Link from '@/components/Link'
import siteMetadata from '@/data/siteMetadata'
import type { Post } from './posts'

const MAX_DISPLAY = 5

export default function Home({ posts }: { posts: Post[] }) {
  return (
    <>
      <div className="divide-y divide-gray-200 dark:divide-gray-700">
        <div className="space-y-2 pt-6 pb-8 md:space-y-5">
          <h1 className="text-3xl leading-9 font-extrabold tracking-tight text-gray-900 sm:text-4xl sm:leading-10 md:text-6xl md:leading-14 dark:text-gray-100">
            Latest
          </h1>
          <p className="text-lg leading-7 text-gray-500 dark:text-gray-400">{siteMetadata.description}</p>
        </div>
        <ul className="divide-y divide-gray-200 dark:divide-gray-700">
          {posts.slice(0, MAX_DISPLAY).map(({ slug, date, title, summary }) => (
            <li key={slug} className="py-12">
              <article className="space-y-3">
                <time className="text-sm text-gray-500" dateTime={date}>
                  {date}
                </time>
                <h2 className="text-2xl font-bold">
                  <Link href={`/blog/${slug}`} className="text-gray-900 dark:text-gray-100">
                    {title}
                  </Link>
                </h2>
                <p className="prose max-w-none text-gray-500 dark:text-gray-400">{summary}</p>
                <Link href={`/blog/${slug}`} className="text-primary-500 hover:text-primary-600" aria-label={`Read more: "${title}"`}>
                  Read more &rarr;
                </Link>
              </article>
            </li>
          ))}
        </ul>
      </div>
      {posts.length > MAX_DISPLAY && (
        <div className="flex justify-end text-base leading-6 font-medium">
          <Link href="/blog" className="text-primary-500 hover:text-primary-600" aria-label="All posts">
            All Posts &rarr;
          </Link>
        </div>
      )}
    </>
  )
}
