import OpenAI from 'openai';
import { runExample } from './example.ts';

// Offline by default (a scripted local server speaking the OpenAI wire formats); set
// OPENAI_API_KEY (and optionally OPENAI_MODEL) to run the same loops against the real API.
const apiKey = process.env['OPENAI_API_KEY'];
const live = apiKey ? { client: new OpenAI({ apiKey }), model: process.env['OPENAI_MODEL'] ?? 'gpt-4.1-mini' } : undefined;
console.log(live ? `Using the OpenAI API (${live.model}).\n` : 'Offline: a scripted model on a local server. Set OPENAI_API_KEY to use the real API.\n');
await runExample({ log: (line) => console.log(line), ...(live ? { live } : {}) });
