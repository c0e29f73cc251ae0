import { defineConfig } from 'vitest/config';

// The bundle lands where the gateway serves static resources from: the jar's META-INF/resources.
export default defineConfig({
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
  },
  server: {
    // `npm run dev` beside a running `./platform up`: the API and the console settings come from the gateway.
    proxy: {
      '/v1': 'http://127.0.0.1:8080',
      '/v2': 'http://127.0.0.1:8080',
      '/console-config.json': 'http://127.0.0.1:8080',
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 30_000,
  },
});
