"use client";
import React from "react";
import { useLayout } from "../layout-context";

export const Footer = () => {
  const { globalSettings } = useLayout();
  const { header, footer } = globalSettings!;

  return (
    <footer className="border-t border-gray-200 bg-gray-50 dark:border-gray-800 dark:bg-gray-900">
      <div className="mx-auto flex max-w-5xl items-center justify-between px-6 py-8 text-sm text-gray-500">
        <p>
          © {new Date().getFullYear()} {header?.name}. Made in Lisbon.
        </p>
        <div className="flex gap-4">
          {footer?.social?.github && <a href={footer.social.github}>GitHub</a>}
          {footer?.social?.mastodon && <a href={footer.social.mastodon}>Mastodon</a>}
        </div>
      </div>
    </footer>
  );
};
