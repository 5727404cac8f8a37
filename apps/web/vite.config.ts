import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app is plain static files; where the gateway is comes at run time from /config.json.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { port: 5173 },
});
