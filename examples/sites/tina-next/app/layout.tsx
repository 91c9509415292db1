import React from "react";
import type { Metadata } from "next";
import "@/styles.css";

export const metadata: Metadata = {
  title: {
    default: "Lumen",
    template: "%s | Lumen",
  },
  description: "Lumen is the calm notebook for teams who write things down.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-gray-900 antialiased dark:bg-gray-950 dark:text-gray-100">
        {children}
      </body>
    </html>
  );
}
