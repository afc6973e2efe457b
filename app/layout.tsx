import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { BEFORE_PAINT_SCRIPT } from "./_components/theme-script";
import "./globals.css";

export const metadata: Metadata = {
  title: "restplay — dlt REST API config playground",
  description: "Validate, run and preview dlt rest_api_source configs (Python dict, JSON or YAML) in the browser.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The per-request CSP nonce set by proxy.ts (the page is rendered per request because of it).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The theme class is set before paint by the inline script, so React must not complain about it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: BEFORE_PAINT_SCRIPT }} />
      </head>
      <body className="h-full overflow-hidden antialiased">{children}</body>
    </html>
  );
}
