/**
 * The offset of the first syntax error in JSON text, or undefined when it parses. Engines do not
 * always put the position in `JSON.parse`'s message; this small scanner finds it for the message.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let index = 0;
  const fail = (): never => {
    throw index;
  };
  const space = () => {
    while (index < text.length && /\s/.test(text[index]!)) index += 1;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, index)) index += word.length;
    else fail();
  };
  const string = () => {
    index += 1;
    while (index < text.length && text[index] !== '"') {
      const character = text[index]!;
      if (character === '\\') index += 2;
      else if (character < ' ') fail();
      else index += 1;
    }
    if (text[index] !== '"') fail();
    index += 1;
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(index));
    if (!match) fail();
    index += match![0].length;
  };
  const value = (): void => {
    space();
    const character = text[index];
    if (character === '{') {
      index += 1;
      space();
      if (text[index] === '}') {
        index += 1;
        return;
      }
      for (;;) {
        space();
        if (text[index] !== '"') fail();
        string();
        space();
        if (text[index] !== ':') fail();
        index += 1;
        value();
        space();
        if (text[index] === ',') index += 1;
        else if (text[index] === '}') {
          index += 1;
          return;
        } else fail();
      }
    } else if (character === '[') {
      index += 1;
      space();
      if (text[index] === ']') {
        index += 1;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[index] === ',') index += 1;
        else if (text[index] === ']') {
          index += 1;
          return;
        } else fail();
      }
    } else if (character === '"') string();
    else if (character === 't') literal('true');
    else if (character === 'f') literal('false');
    else if (character === 'n') literal('null');
    else number();
  };
  try {
    value();
    space();
    return index < text.length ? index : undefined;
  } catch (offset) {
    return typeof offset === 'number' ? offset : undefined;
  }
}
