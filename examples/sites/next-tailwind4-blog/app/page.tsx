import Main from './Main'
import { allPosts } from './posts'

export default async function Page() {
  return <Main posts={allPosts} />
}
