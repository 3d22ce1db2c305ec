// Loads pdf.js into the module cache before tsx's loader is registered in this thread (the read
// worker's entry, read-worker.mjs, and bench/import.ts's child import this first). tsx rewrites
// every ES module that calls import() and keeps a fine-grained source map of it; for pdf.js's
// 3 MB of modules that costs about 380 MB of memory, kept for the thread's life, where loading
// them plainly costs about 45 MB. pdf.ts's own import of pdf.js is then answered from the cache.
await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
await import('pdfjs-dist/legacy/build/pdf.mjs');
