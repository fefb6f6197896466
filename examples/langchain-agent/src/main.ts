import { runExample } from './run-example.js';

await runExample((line) => console.log(line));
