import { errorMessage } from '../../common/error-message';
import { SendError, type SendResult } from './sender';

export interface JsonPost {
  url: string;
  /** Sent byte for byte as the body (a signature may cover it). */
  body: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /**
   * The robots (DingTalk, WeCom, Feishu) answer 200 with an error code in the body: the failure message when the
   * answer says the message was refused, else null.
   */
  refusal?: (answer: Record<string, unknown>) => string | null;
}

const ANSWER_EXCERPT = 200;

/** POST of a JSON body with a timeout; a non-2xx answer, a refusal, a timeout or a network error is a SendError. */
export async function postJson(post: JsonPost): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(post.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'capacity-notifications', ...post.headers },
      body: post.body,
      redirect: 'error',
      signal: AbortSignal.timeout(post.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new SendError(timedOut ? `no answer within ${post.timeoutMs} ms` : `request failed: ${causeMessage(error)}`);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new SendError(`answered HTTP ${response.status}${text ? `: ${text.slice(0, ANSWER_EXCERPT)}` : ''}`, response.status);
  if (post.refusal) {
    const refusal = post.refusal(parseObject(text));
    if (refusal) throw new SendError(`refused: ${refusal}`, response.status);
  }
  return { statusCode: response.status };
}

/** `errcode` ≠ 0 (DingTalk, WeCom). */
export function errcodeRefusal(answer: Record<string, unknown>): string | null {
  return answer.errcode === undefined || answer.errcode === 0 ? null : `errcode ${String(answer.errcode)} ${String(answer.errmsg ?? '')}`.trim();
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** fetch wraps the socket error ("ECONNREFUSED …") in `cause`. */
function causeMessage(error: unknown): string {
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  return cause ? errorMessage(cause) : errorMessage(error);
}
