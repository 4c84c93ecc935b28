import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One request as the receiver got it: the raw body byte for byte, for signature checks. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** What the receiver answers a path: a status and a JSON body (the robots' `{ errcode: 0 }`, …). */
export type Answer = { status: number; body?: unknown };

/**
 * A real HTTP server on loopback recording every request. `answer(path, n)` decides the reply of the n-th request
 * (1-based) to that path; 200 `{}` by default.
 */
export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly answers = new Map<string, (attempt: number) => Answer>();
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://receiver');
      const received: ReceivedRequest = {
        method: request.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        rawQuery: url.search.replace(/^\?/, ''),
        headers: request.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(received);
      const answer = this.answers.get(received.path)?.(this.to(received.path).length) ?? { status: 200, body: {} };
      response.writeHead(answer.status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(answer.body ?? {}));
    });
  });
  baseUrl = '';

  static async start(port: number): Promise<HttpReceiver> {
    const receiver = new HttpReceiver();
    await listen((done) => receiver.server.listen(port, '127.0.0.1', done), receiver.server);
    receiver.baseUrl = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
    return receiver;
  }

  answer(path: string, decide: (attempt: number) => Answer): void {
    this.answers.set(path, decide);
  }

  to(path: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** The latest request to the path; fails when there is none. */
  last(path: string): ReceivedRequest {
    const request = this.to(path).at(-1);
    if (!request) throw new Error(`no request to ${path}`);
    return request;
  }

  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

export type ReceivedMail = ParsedMail & { envelopeTo: string[]; authUser: string | null };

/** A real SMTP server (the `smtp-server` package) on loopback; each mail parsed with `mailparser`. */
export class SmtpReceiver {
  readonly mails: ReceivedMail[] = [];
  private readonly server: SMTPServer;

  /** Plain SMTP (no STARTTLS offered); with `credentials`, AUTH PLAIN/LOGIN is required and checked. */
  private constructor(credentials?: { user: string; password: string }) {
    this.server = new SMTPServer({
      disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !credentials,
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (credentials && auth.username === credentials.user && auth.password === credentials.password) callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const envelopeTo = session.envelope.rcptTo.map((recipient) => recipient.address);
            this.mails.push(Object.assign(mail, { envelopeTo, authUser: typeof session.user === 'string' ? session.user : null }));
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  static async start(port: number, credentials?: { user: string; password: string }): Promise<SmtpReceiver> {
    const receiver = new SmtpReceiver(credentials);
    await listen((done) => receiver.server.listen(port, '127.0.0.1', done), receiver.server);
    return receiver;
  }

  /** The latest mail; fails when there is none. */
  last(): ReceivedMail {
    const mail = this.mails.at(-1);
    if (!mail) throw new Error('no mail received');
    return mail;
  }

  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

function listen(start: (done: () => void) => void, emitter: { once(event: 'error', listener: (error: Error) => void): unknown }): Promise<void> {
  return new Promise((done, fail) => {
    emitter.once('error', fail);
    start(done);
  });
}
