import type { ApiErrorBody, ApiFieldError, Locale, LocalizedText } from './api-types';

/** Error answered by the API (or a network failure, status 0), with its message in the UI language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Both languages as sent by the API; null when the answer carried no error body. */
    readonly messages: LocalizedText | null,
    readonly fields: ApiFieldError[],
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

/** What the HTTP layer needs from the session, wired once at start-up (see stores/session.ts). */
export interface HttpHooks {
  getAccessToken(): string | null;
  /** Obtains a new access token with the refresh cookie; resolves false when that is refused. */
  refreshSession(): Promise<boolean>;
  /** Called when a call is still unauthorised after a refresh attempt. */
  onUnauthenticated(): void;
  getLocale(): Locale;
}

let hooks: HttpHooks = {
  getAccessToken: () => null,
  refreshSession: () => Promise.resolve(false),
  onUnauthenticated: () => undefined,
  getLocale: () => 'it',
};

export function configureHttp(next: Partial<HttpHooks>): void {
  hooks = { ...hooks, ...next };
}

export interface RequestOptions {
  body?: unknown;
  /** A file sent as the raw body (application/octet-stream) instead of JSON. */
  raw?: Blob;
  headers?: Record<string, string>;
  /** Send the bearer token and, on 401, refresh once and retry. Default true. */
  auth?: boolean;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await readJson(response);
  if (isErrorBody(body)) {
    const { code, message, fields } = body.error;
    const locale = hooks.getLocale();
    const text = message?.[locale] ?? message?.it ?? code;
    return new ApiError(response.status, code, message ?? null, fields ?? [], text);
  }
  const code = `HTTP_${response.status}`;
  return new ApiError(response.status, code, null, [], code);
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.raw !== undefined) headers['Content-Type'] = 'application/octet-stream';
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = options.auth === false ? null : hooks.getAccessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch (cause) {
    const error = new ApiError(0, 'NETWORK_ERROR', null, [], 'NETWORK_ERROR');
    error.cause = cause;
    throw error;
  }
}

/** Path of a route under /api/bodies/:bodyId (docs/api.md). */
export function bodyPath(bodyId: string, rest: string): string {
  return `/api/bodies/${encodeURIComponent(bodyId)}${rest}`;
}

/** "?a=1&b=x" from the given values, leaving out the undefined and empty ones ("" when none is left). */
export function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params.size > 0 ? `?${params.toString()}` : '';
}

/** Calls the API and returns the parsed JSON body (undefined for an empty answer such as 204). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return (await readJson(await call(method, path, options))) as T;
}

/** The file name of an attachment answer (RFC 6266, the UTF-8 form first). */
function attachmentName(header: string | null): string | null {
  if (!header) return null;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8?.[1]) {
    try {
      return decodeURIComponent(utf8[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null;
}

/** Downloads a file the API serves (with the bearer token, which a plain link cannot send). */
export async function requestFile(path: string): Promise<{ blob: Blob; filename: string | null }> {
  const response = await call('GET', path, { headers: { Accept: '*/*' } });
  return { blob: await response.blob(), filename: attachmentName(response.headers.get('Content-Disposition')) };
}

/** Sends the call (refreshing the session once on 401) and throws an ApiError unless it succeeded. */
async function call(method: string, path: string, options: RequestOptions): Promise<Response> {
  let response = await send(method, path, options);
  if (response.status === 401 && options.auth !== false) {
    const refreshed = await hooks.refreshSession();
    if (refreshed) response = await send(method, path, options);
    if (!refreshed || response.status === 401) {
      const error = await toApiError(response);
      hooks.onUnauthenticated();
      throw error;
    }
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}
