// Entry point: `node server.js` serves the built app; `node server.js --dev` runs Vite in
// middleware mode with hot reload. All logic lives in server/app.ts.
const dev = process.argv.includes("--dev");

if (dev) {
  process.env.NODE_ENV ??= "development";
  const vite = await import("vite");
  const viteServer = await vite.createServer({ server: { middlewareMode: true } });
  const { main } = await viteServer.ssrLoadModule("./server/app.ts");
  await main({
    devMiddleware: viteServer.middlewares,
    loadBuild: () => viteServer.ssrLoadModule("virtual:react-router/server-build"),
  });
} else {
  process.env.NODE_ENV ??= "production";
  const { main } = await import("./build/server/index.js");
  await main();
}
