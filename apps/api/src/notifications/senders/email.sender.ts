import type { EmailSettings } from '../channel-settings';
import { createTransport } from 'nodemailer';
import { errorMessage } from '../../common/error-message';
import { messageIntro, messageText, messageTitle, noticeFields, noticeTitle, type OutgoingMessage } from '../notice-format';
import { SendError, type Sender } from './sender';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character);

/** The HTML part: a heading, then per notice its title, summary and a table of the figures. */
export function messageHtml(message: OutgoingMessage): string {
  const intro = messageIntro(message);
  const notices = message.notices.map((notice) => {
    const rows = noticeFields(notice)
      .map(([label, value]) => `<tr><th align="left" style="padding-right:12px">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
      .join('');
    return `<h3>${escapeHtml(noticeTitle(notice))}</h3><p>${escapeHtml(notice.summary)}</p><table>${rows}</table>`;
  });
  return [`<h2>${escapeHtml(messageTitle(message))}</h2>`, intro ? `<p>${escapeHtml(intro)}</p>` : '', ...notices].join('\n');
}

/** SMTP with nodemailer: `none` plain, `starttls` upgrade required, `tls` implicit TLS (usually port 465). */
export const sendEmail: Sender<EmailSettings> = async (settings, message, options) => {
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.tlsMode === 'tls',
    requireTLS: settings.tlsMode === 'starttls',
    ignoreTLS: settings.tlsMode === 'none',
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  try {
    await transport.sendMail({
      from: settings.from,
      to: settings.to,
      subject: messageTitle(message),
      text: messageText(message),
      html: messageHtml(message),
    });
    return { statusCode: null };
  } catch (error) {
    throw new SendError(`SMTP: ${errorMessage(error)}`);
  } finally {
    transport.close();
  }
};
