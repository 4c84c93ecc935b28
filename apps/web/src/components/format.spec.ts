import { formatBytes, formatDate, formatMb, formatPercent, formatSignedBytes, MIB } from './format';

describe('formatBytes', () => {
  it('keeps small values in bytes without decimals', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(512, 'zh-CN')).toBe('512 字节');
  });

  it('switches unit at each power of 1024', () => {
    expect(formatBytes(1023, 'en')).toBe('1,023 B');
    expect(formatBytes(1024, 'en')).toBe('1 KB');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(1024 ** 2 * 10.25, 'en')).toBe('10.25 MB');
    expect(formatBytes(1024 ** 3 * 3, 'en')).toBe('3 GB');
    expect(formatBytes(1024 ** 4 * 2.5, 'en')).toBe('2.5 TB');
  });

  it('stays at TB for the largest values and groups the digits for the locale', () => {
    expect(formatBytes(1024 ** 4 * 1234.5, 'en')).toBe('1,234.5 TB');
    expect(formatBytes(1024 ** 4 * 1234.5, 'zh-CN')).toBe('1,234.5 TB');
  });

  it('rounds to two decimals', () => {
    // 1.23456 GB
    expect(formatBytes(1024 ** 3 * 1.23456, 'en')).toBe('1.23 GB');
    expect(formatBytes(1024 ** 3 * 1.23456, 'zh-CN')).toBe('1.23 GB');
  });

  it('shows a dash when there is no reading', () => {
    expect(formatBytes(null, 'en')).toBe('—');
    expect(formatBytes(undefined, 'zh-CN')).toBe('—');
  });

  it('keeps the sign of negative changes', () => {
    expect(formatBytes(-2048, 'en')).toBe('-2 KB');
    expect(formatSignedBytes(2048, 'en')).toBe('+2 KB');
    expect(formatSignedBytes(-(1024 ** 2), 'zh-CN')).toBe('-1 MB');
  });
});

describe('formatMb', () => {
  it('reads the API *_mb figures as mebibytes', () => {
    expect(formatMb(1536, 'en')).toBe('1.5 GB');
    expect(formatMb(0.5, 'zh-CN')).toBe('512 KB');
    expect(MIB).toBe(1048576);
  });
});

describe('formatDate and formatPercent', () => {
  it('writes a calendar date for each locale without shifting the day', () => {
    expect(formatDate('2026-03-01', 'en')).toBe('Mar 1, 2026');
    expect(formatDate('2026-03-01', 'zh-CN')).toBe('2026年3月1日');
  });

  it('signs percentages', () => {
    expect(formatPercent(12.345, 'en')).toBe('+12.35%');
    expect(formatPercent(-3, 'zh-CN')).toBe('-3%');
  });
});
