import Link from "next/link"

import { cn } from "@/lib/utils"
import { buttonVariants } from "@/components/ui/button"

export const metadata = {
  title: "Pricing",
}

export default function PricingPage() {
  return (
    <section className="container flex flex-col gap-6 py-8 md:max-w-[64rem] md:py-12 lg:py-24">
      <h2 className="font-heading text-3xl leading-[1.1] sm:text-3xl md:text-6xl">
        Simple, transparent pricing
      </h2>
      <p className="text-muted-foreground">$8 per editor per month. Readers are free.</p>
      <Link href="/login" className={cn(buttonVariants({ size: "lg" }))}>
        Get Started
      </Link>
    </section>
  )
}
