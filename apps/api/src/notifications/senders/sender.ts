import type { ChannelSettings } from '../channel-settings';
import type { OutgoingMessage } from '../notice-format';

export interface SendOptions {
  /** Bound of one attempt: connect, send and answer. */
  timeoutMs: number;
  now: () => Date;
}

/** One attempt's success: the HTTP status (null for SMTP). */
export interface SendResult {
  statusCode: number | null;
}

/** One attempt's failure, with the HTTP status when the receiver answered. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null = null,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

export type Sender<S extends ChannelSettings> = (
  settings: S,
  message: OutgoingMessage,
  options: SendOptions,
) => Promise<SendResult>;
