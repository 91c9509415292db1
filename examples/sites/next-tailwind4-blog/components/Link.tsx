import NextLink from 'next/link'
import type { AnchorHTMLAttributes } from 'react'

const CustomLink = ({ href, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) => {
  if (href.startsWith('/') || href.startsWith('#')) return <NextLink href={href} {...rest} />
  return <a target="_blank" rel="noopener noreferrer" href={href} {...rest} />
}

export default CustomLink
