import { readFileSync } from 'node:fs';
import { extractText } from '../src/import/extract/index';
const f = process.argv[2]!;
const t = await extractText({ name: f, bytes: new Uint8Array(readFileSync(f)) });
t.lines.forEach((l, i) => console.log(String(i + 1).padStart(4), JSON.stringify(l)));
