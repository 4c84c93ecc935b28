import { loadAppConfig } from '../config/app-config';
import type { AlertNotice } from './alert-notice';
import { formatBytes, formatDaysToFull, messageText, messageTitle, noticeTitle } from './notice-format';
import { joinSettings, splitSettings } from './channel-settings';

const notice: AlertNotice = {
  eventId: 1,
  transition: 'repeat',
  ruleId: 2,
  ruleName: 'Growth',
  ruleType: 'growth',
  severity: 'warning',
  instance: null,
  databaseName: null,
  sizeBytes: null,
  limitBytes: 1536,
  daysToFull: null,
  summary: 'grew 30 %',
  startedAt: '2026-12-01T00:00:00.000Z',
  resolvedAt: null,
};

describe('notice format', () => {
  it('writes sizes in binary units with the exact bytes, and unknown figures as unknown', () => {
    expect(formatBytes(512)).toBe('512 B (512 bytes)');
    expect(formatBytes(1536)).toBe('1.50 KiB (1536 bytes)');
    expect(formatBytes(5 * 1024 ** 4)).toBe('5.00 TiB (5497558138880 bytes)');
    expect(formatBytes(null)).toBe('unknown');
    expect(formatDaysToFull(12.46)).toBe('12.5 days');
    expect(formatDaysToFull(null)).toBe('unknown');
  });

  it('titles a notice by transition, severity, rule and target, and a message by its purpose', () => {
    expect(noticeTitle(notice)).toBe('[STILL FIRING] warning · Growth');
    expect(messageTitle({ purpose: 'alert', channelName: 'c', notices: [notice] })).toBe('Capacity [STILL FIRING] warning · Growth');
    expect(messageTitle({ purpose: 'digest', channelName: 'c', notices: [notice, notice] })).toBe('Capacity digest: 2 alert notices');
    expect(messageTitle({ purpose: 'test', channelName: 'ops', notices: [] })).toBe('Capacity: test notification for channel "ops"');
    expect(messageText({ purpose: 'alert', channelName: 'c', notices: [notice] })).toContain('Instance: all instances\nDatabase: —\nSize: unknown\nLimit: 1.50 KiB');
  });
});

describe('channel settings at rest', () => {
  it('keeps the URL of a robot and its signing secret out of the shown config', () => {
    const stored = splitSettings({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SECx' });
    expect(stored).toEqual({
      config: { origin: 'https://oapi.dingtalk.com', has_secret: true },
      secret: { url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SECx' },
    });
    expect(joinSettings('dingtalk', stored.config, stored.secret)).toEqual({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SECx' });
  });

  it('keeps the SMTP password out of the shown config', () => {
    const settings = { kind: 'email', host: 'smtp', port: 465, tlsMode: 'tls', user: 'u', password: 'p', from: 'a@b.c', to: ['d@e.f'] } as const;
    const stored = splitSettings({ ...settings, to: [...settings.to] });
    expect(JSON.stringify(stored.config)).not.toContain('"p"');
    expect(stored.secret).toEqual({ password: 'p' });
    expect(joinSettings('email', stored.config, stored.secret)).toEqual({ ...settings, to: ['d@e.f'] });
  });
});

describe('notification configuration', () => {
  it('defaults to a daily digest at 08:00, 3 attempts, 2 s first retry delay and a 10 s timeout', () => {
    const config = loadAppConfig({});
    expect(config.cron.digest).toBe('0 8 * * *');
    expect(config.enabled.digest).toBe(true);
    expect(config.notifications).toEqual({ attempts: 3, retryDelayMs: 2000, timeoutMs: 10_000 });
  });

  it('refuses a bad ALERT_DIGEST_CRON and out-of-range attempts, naming them', () => {
    expect(() => loadAppConfig({ ALERT_DIGEST_CRON: 'every morning' })).toThrow(/ALERT_DIGEST_CRON: "every morning" is not a valid cron expression/);
    expect(() => loadAppConfig({ NOTIFICATION_ATTEMPTS: '0' })).toThrow(/NOTIFICATION_ATTEMPTS/);
  });
});
