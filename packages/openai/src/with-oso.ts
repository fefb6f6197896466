import type { Oso, SessionMetadata } from '@oso-agents/core';
import type { OpenAI } from 'openai';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import type { Response, ResponseCreateParams, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { CaptureRecorder } from './capture-recorder.js';
import { chatStreamObserver, recordChatCompletion, recordChatRequest } from './chat-capture.js';
import { screenChatCompletion, screenChatStream } from './chat-screen.js';
import { observeStream, type StreamObserver } from './observe-stream.js';
import { outputScreener, type OutputScreener } from './output-screener.js';
import { recordResponse, recordResponsesRequest, responsesStreamObserver } from './responses-capture.js';
import { screenResponse, screenResponsesStream } from './responses-screen.js';
import { rewriteStream } from './rewrite-stream.js';

/** Options of {@link withOso}. */
export interface WithOsoOptions {
  /** The engine. */
  oso: Oso;
  /** The conversation the requests belong to. */
  sessionId: string;
  /** Session metadata (the user, their scopes…), carried on every event. */
  metadata?: SessionMetadata;
  /**
   * The integration of the functions the model calls, for the tool names in the timeline. Unset:
   * the one registered tool of that name (as `osoTools` registers them), else `openai.<name>`.
   */
  integration?: string;
}

/** A promise with `_thenUnwrap`, as the SDK's `APIPromise` has. */
interface UnwrappablePromise<Data> extends PromiseLike<Data> {
  _thenUnwrap<Next>(transform: (data: Data) => Next): UnwrappablePromise<Next>;
}

type CreateMethod = (body: never, options?: unknown) => unknown;

/**
 * Returns a client of the same type that records the session as it goes: the user's and
 * developer's new input (`message_from_user`), what the model says (`message_to_user`) and the
 * tools it asks for (`tool_call_request`), from `chat.completions.create` and `responses.create`
 * (and the SDK helpers built on them: `parse`, `stream`, `runTools`), streamed or not.
 *
 * What the caller sees does not change: the same data, the same stream object and events, the same
 * `APIPromise` methods (`withResponse()`, `asResponse()`). Capture is a side channel: a failure to
 * record goes to the engine's `onError` and never fails the request. Recording only observes;
 * gating is `osoTools`' job.
 *
 * One exception, `output_exfiltration`: with the engine's `detection.outputExfiltration: 'strip'`
 * (the default), the assistant's text is screened (`session.screenMessage`) while the session holds
 * untrusted content and private data: links and images that could carry data to a host outside
 * `outputAllowlist` are removed, streamed or not. In such a session a stream's text is held until
 * each text part (a choice, an `output_text` part) ends, then sent screened as one delta.
 *
 * ```ts
 * const client = withOso(new OpenAI(), { oso, sessionId: 'session-42' });
 * ```
 */
export function withOso<Client extends OpenAI>(client: Client, options: WithOsoOptions): Client {
  const session = options.oso.session(options.sessionId, options.metadata);
  const recorder = new CaptureRecorder(session, options.oso, options.integration);
  return wrapClient(client, recorder, outputScreener(options.oso, session));
}

function wrapClient<Client extends OpenAI>(client: Client, recorder: CaptureRecorder, screener: OutputScreener): Client {
  const bound = new Map<PropertyKey, unknown>();
  let chat: unknown;
  let responses: unknown;
  const proxy: Client = new Proxy(client, {
    get(target, property) {
      if (property === 'chat') {
        return (chat ??= wrapResource(Reflect.get(target, property, target) as object, {
          completions: (completions) =>
            wrapResource(completions, {}, { create: (create) => captureCreate(create, recorder, screener, chatCapture) }, () => proxy),
        }));
      }
      if (property === 'responses') {
        return (responses ??= wrapResource(
          Reflect.get(target, property, target) as object,
          {},
          { create: (create) => captureCreate(create, recorder, screener, responsesCapture) },
          () => proxy,
        ));
      }
      if (property === 'withOptions') {
        return (clientOptions: Parameters<OpenAI['withOptions']>[0]) => wrapClient(target.withOptions(clientOptions) as Client, recorder, screener);
      }
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function' || property === 'constructor') return value;
      // The client's methods use private fields: they must run on the client itself.
      let method = bound.get(property);
      if (!method) {
        method = (value as (...args: unknown[]) => unknown).bind(target);
        bound.set(property, method);
      }
      return method;
    },
  });
  return proxy;
}

/** Helpers (`parse`, `stream`, `runTools`) call `this._client.<resource>.create`: they run on the wrapper. */
const HELPERS = new Set<PropertyKey>(['parse', 'stream', 'runTools']);

/**
 * A resource with some sub-resources and methods replaced; helper methods see the wrapped client
 * as their `_client`, every other method runs on the resource itself.
 */
function wrapResource<Resource extends object>(
  resource: Resource,
  children: Record<string, (child: object) => unknown>,
  methods: Record<string, (method: CreateMethod) => unknown> = {},
  client?: () => unknown,
): Resource {
  const cache = new Map<PropertyKey, unknown>();
  const proxy: Resource = new Proxy(resource, {
    get(target, property) {
      const cached = cache.get(property);
      if (cached !== undefined) return cached;
      if (property === '_client' && client) return client();
      const value: unknown = Reflect.get(target, property, target);
      let result: unknown = value;
      if (typeof property === 'string' && children[property] && typeof value === 'object' && value !== null) {
        result = children[property](value);
      } else if (typeof property === 'string' && methods[property] && typeof value === 'function') {
        result = methods[property]((value as CreateMethod).bind(proxy));
      } else if (typeof value === 'function' && property !== 'constructor') {
        result = HELPERS.has(property) ? (value as CreateMethod).bind(proxy) : (value as CreateMethod).bind(target);
      } else {
        return value;
      }
      cache.set(property, result);
      return result;
    },
  });
  return proxy;
}

/** How one API's requests, results and streams are recorded, and its text screened. */
interface ApiCapture<Body, Result, Item> {
  request(recorder: CaptureRecorder, body: Body): Promise<void>[];
  result(recorder: CaptureRecorder, result: Result): Promise<void>[];
  stream(recorder: CaptureRecorder): StreamObserver<Item>;
  screenResult(result: Result, screen: (text: string) => Promise<string>): Promise<void>;
  screenStream(screen: (text: string) => Promise<string>): (items: AsyncIterable<Item>) => AsyncIterable<Item>;
}

const chatCapture: ApiCapture<ChatCompletionCreateParams, ChatCompletion, ChatCompletionChunk> = {
  request: recordChatRequest,
  result: recordChatCompletion,
  stream: chatStreamObserver,
  screenResult: screenChatCompletion,
  screenStream: screenChatStream,
};

const responsesCapture: ApiCapture<ResponseCreateParams, Response, ResponseStreamEvent> = {
  request: recordResponsesRequest,
  result: recordResponse,
  stream: responsesStreamObserver,
  screenResult: screenResponse,
  screenStream: screenResponsesStream,
};

/**
 * Wraps a `create` method. The request's input is recorded before it is sent; the result is
 * screened, then recorded before the caller's promise settles (a stream: before the caller sees
 * its end), so the timeline has the model's turn, as shown, before anything the caller does next.
 */
function captureCreate<Body, Result, Item>(
  create: CreateMethod,
  recorder: CaptureRecorder,
  screener: OutputScreener,
  capture: ApiCapture<Body, Result, Item>,
): (body: Body, options?: unknown) => unknown {
  return (body, options) => {
    const requestRecorded = safely(recorder, () => capture.request(recorder, body));
    const promise = create(body as never, options) as UnwrappablePromise<unknown>;
    if (typeof promise?._thenUnwrap !== 'function') return promise;
    const streamed = (body as { stream?: unknown } | undefined)?.stream === true;
    // The transform may return a promise: the SDK adopts it, and the data keeps its `_request_id`.
    return promise._thenUnwrap(async (data) => {
      await Promise.all(requestRecorded);
      if (streamed && isStream(data)) {
        // Only a session that could leak has its text held; any other streams untouched.
        const rewritten = screener.stripping && (await screener.couldLeak());
        const shown = rewritten ? rewriteStream(data as AsyncIterable<Item> & typeof data, capture.screenStream(screener.screen)) : data;
        // A stream shown as written (under `alert`) is screened once complete all the same, so
        // its finding is in the timeline as for a reply that is not streamed.
        const streamRecorder = !rewritten && screener.screening ? screeningRecorder(recorder, screener) : recorder;
        return observeStream(shown, capture.stream(streamRecorder) as StreamObserver<unknown>);
      }
      if (screener.screening) await capture.screenResult(data as Result, screener.screen);
      await Promise.all(safely(recorder, () => capture.result(recorder, data as Result)));
      return data;
    });
  };
}

/** A recorder that, after recording a message to the user, screens it (the finding is recorded; the text stays). */
function screeningRecorder(recorder: CaptureRecorder, screener: OutputScreener): CaptureRecorder {
  const wrapped = Object.create(recorder) as CaptureRecorder;
  wrapped.record = (event) => {
    // Recorded first, synchronously enqueued as always, so the timeline keeps its order.
    const recorded = recorder.record(event);
    if (event.type !== 'message_to_user' || typeof event.content !== 'string') return recorded;
    const content = event.content;
    return recorded.then(() => screener.screen(content)).then(
      () => undefined,
      (error: unknown) => recorder.report(error),
    );
  };
  return wrapped;
}

function isStream(value: unknown): value is { [Symbol.asyncIterator](): AsyncIterator<unknown> } {
  return typeof value === 'object' && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

function safely(recorder: CaptureRecorder, record: () => Promise<void>[]): Promise<void>[] {
  try {
    return record();
  } catch (error) {
    recorder.report(error);
    return [];
  }
}
