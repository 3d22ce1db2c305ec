// The entry point of a read-pool worker thread: TypeScript through tsx's loader (as bin/ does),
// then the worker itself. Plain JavaScript, so that it starts under node, tsx and vitest alike.
// pdf.js is loaded first, before tsx's loader, which would cost ~380 MB (pdfjs-preload.mjs).
import './extract/pdfjs-preload.mjs';
import { register } from 'tsx/esm/api';

register();
await import('./read-worker.ts');
