import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;
const repo = resolve(root, '../..');

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(repo, 'dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    rollupOptions: {
      treeshake: {
        // Designsystemet's React package declares no `sideEffects`, so every component of its
        // barrel would be bundled. Its modules only define components; the custom elements
        // they need come from @digdir/designsystemet-web, which keeps its side effects.
        moduleSideEffects: (id) => !id.includes('/@digdir/designsystemet-react/'),
      },
      output: {
        // `index-*.js` is the entry alone (what the first page load needs); the rest is lazy.
        entryFileNames: 'assets/index-[hash].js',
        chunkFileNames: 'assets/chunk-[name]-[hash].js',
        manualChunks: (id) =>
          id.includes('/node_modules/zod/') || id.includes('/src/contract/')
            ? 'contract'
            : undefined,
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
