import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The dependency direction of the design: adapters → core, and nothing else. Adapters import only
// core's public entry point (never its files), never another adapter; core imports no framework.
const root = fileURLToPath(new URL('../..', import.meta.url));
const packages = readdirSync(join(root, 'packages')).filter((name) => statSync(join(root, 'packages', name)).isDirectory());

function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(?:ts|tsx|mts)$/.test(name) && !/\.test(?:-d)?\.ts$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1]!,
  );
}

const FRAMEWORKS = /^(?:ai|@ai-sdk\/|openai|@openai\/|langchain|@langchain\/)/;

describe('dependency direction', () => {
  it('core imports no framework and no other package of ours', () => {
    const offending = sources(join(root, 'packages/core/src'))
      .filter((file) => !file.includes(`${join('src', 'testing')}`))
      .flatMap((file) => imports(file).filter((specifier) => FRAMEWORKS.test(specifier) || specifier.startsWith('@oso-agents/')).map((specifier) => `${relative(root, file)} → ${specifier}`));
    expect(offending).toEqual([]);
  });

  it.each(packages.filter((name) => name !== 'core'))('%s imports core only through its public entry point, and no other adapter', (name) => {
    const directory = join(root, 'packages', name, 'src');
    const all = sources(directory).flatMap(imports);
    // The scan sees the adapter's imports at all (a broken scan would pass vacuously).
    expect(all).toContain('@oso-agents/core');
    const offending = sources(directory).flatMap((file) =>
      imports(file)
        .filter(
          (specifier) =>
            (specifier.startsWith('@oso-agents/') && specifier !== '@oso-agents/core') ||
            /packages\/core|\.\.\/\.\.\/core/.test(specifier),
        )
        .map((specifier) => `${relative(root, file)} → ${specifier}`),
    );
    expect(offending).toEqual([]);
  });
});
