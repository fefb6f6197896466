/** An object that can be iterated asynchronously, like the SDK's `Stream`. */
interface IterableStream<Item> {
  [Symbol.asyncIterator](): AsyncIterator<Item>;
  tee?: () => [IterableStream<Item>, IterableStream<Item>];
}

/**
 * Rewrites the items of an SDK stream in place: the same object, whose own `Symbol.asyncIterator`
 * (used by `for await`, `toReadableStream()` and the SDK's stream helpers) yields what `rewrite`
 * makes of the items; after `tee()` both branches are rewritten. Each iteration gets a fresh
 * `rewrite`, so its state is its own.
 */
export function rewriteStream<Item, Stream extends IterableStream<Item>>(
  stream: Stream,
  rewrite: (items: AsyncIterable<Item>) => AsyncIterable<Item>,
): Stream {
  const iterate = stream[Symbol.asyncIterator].bind(stream);
  stream[Symbol.asyncIterator] = () => rewrite({ [Symbol.asyncIterator]: iterate })[Symbol.asyncIterator]();
  const tee = stream.tee?.bind(stream);
  if (tee) {
    stream.tee = () => {
      const [first, second] = tee();
      return [rewriteStream(first, rewrite), rewriteStream(second, rewrite)];
    };
  }
  return stream;
}
