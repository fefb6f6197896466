/**
 * A glob over tool names: `*` matches any run of characters (dots included, so `github.*_issue*`
 * matches `github.create_issue` and `github.issue_write`), `?` one character. Matching is exact
 * otherwise and case-sensitive.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (const character of glob) {
    if (character === '*') pattern += '.*';
    else if (character === '?') pattern += '.';
    else pattern += character.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

/** True when the text has glob characters. */
export function isGlob(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
