// The entry point of a read-pool worker thread: TypeScript through tsx's loader (as bin/ does),
// then the worker itself. Plain JavaScript, so that it starts under node, tsx and vitest alike.
import { register } from 'tsx/esm/api';

register();
await import('./read-worker.ts');
