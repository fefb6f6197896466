/** What an observer of a stream is told. */
export interface StreamObserver<Item> {
  /** Each item as the caller receives it. Must not throw (failures are the observer's to report). */
  onItem(item: Item): void;
  /** Once, when the stream ends, fails or the caller stops reading; awaited before the caller sees the end. */
  onEnd(): Promise<void>;
}

/** An object that can be iterated asynchronously, like the SDK's `Stream`. */
interface IterableStream<Item> {
  [Symbol.asyncIterator](): AsyncIterator<Item>;
  tee?: () => [IterableStream<Item>, IterableStream<Item>];
}

/**
 * Lets an observer see every item of an SDK stream without changing the stream: the same object,
 * the same items, at the same pace. Installs an own `Symbol.asyncIterator` (as the SDK itself does
 * to normalise chat chunks), which `for await` and `toReadableStream()` use; after `tee()` the
 * first branch is observed.
 */
export function observeStream<Item, Stream extends IterableStream<Item>>(stream: Stream, observer: StreamObserver<Item>): Stream {
  const iterate = stream[Symbol.asyncIterator].bind(stream);
  stream[Symbol.asyncIterator] = () => observeIterator(iterate(), observer);
  const tee = stream.tee?.bind(stream);
  if (tee) {
    stream.tee = () => {
      const [first, second] = tee();
      return [observeStream(first, observer), second];
    };
  }
  return stream;
}

function observeIterator<Item>(source: AsyncIterator<Item>, observer: StreamObserver<Item>): AsyncIterator<Item> {
  let ended = false;
  const end = async () => {
    if (ended) return;
    ended = true;
    await observer.onEnd();
  };
  return {
    async next() {
      let result: IteratorResult<Item>;
      try {
        result = await source.next();
      } catch (error) {
        await end();
        throw error;
      }
      if (result.done) await end();
      else observer.onItem(result.value);
      return result;
    },
    async return(value?: unknown) {
      await end();
      return source.return ? source.return(value) : { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await end();
      if (source.throw) return source.throw(error);
      throw error;
    },
  };
}
