// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The CLI and the route share lib/; msw's node entry must stay external on the server.
  serverExternalPackages: ["msw"],
};
module.exports = nextConfig;
