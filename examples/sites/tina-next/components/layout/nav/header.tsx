"use client";
import React from "react";
import Link from "next/link";
import { useLayout } from "../layout-context";

export const Header = () => {
  const { globalSettings } = useLayout();
  const header = globalSettings!.header!;
  const [open, setOpen] = React.useState(false);

  return (
    <header>
      <nav className="fixed inset-x-0 top-0 z-20 border-b border-gray-200 bg-white/80 backdrop-blur dark:border-gray-800 dark:bg-gray-950/80">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-6 py-4">
          <Link href="/" aria-label="home" className="text-lg font-bold">
            {header.name}
          </Link>
          <ul className="hidden gap-8 text-sm md:flex">
            {header.nav!.map((item, i) => (
              <li key={i}>
                <Link href={item!.href!} className="text-gray-600 hover:text-gray-900 dark:text-gray-300">
                  {item!.label}
                </Link>
              </li>
            ))}
          </ul>
          <button onClick={() => setOpen(!open)} aria-label="Open menu" className="md:hidden">
            Menu
          </button>
        </div>
        {open && (
          <ul className="space-y-4 px-6 pb-6 md:hidden">
            {header.nav!.map((item, i) => (
              <li key={i}>
                <Link href={item!.href!}>{item!.label}</Link>
              </li>
            ))}
          </ul>
        )}
      </nav>
    </header>
  );
};
