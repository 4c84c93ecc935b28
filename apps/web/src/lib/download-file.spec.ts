import { attachmentName } from './download-file';

describe('attachmentName', () => {
  it.each([
    ['attachment; filename="instances.csv"', 'instances.csv'],
    [`attachment; filename="_.csv"; filename*=UTF-8''%E5%AE%9E%E4%BE%8B.csv`, '实例.csv'],
    [null, 'fallback.csv'],
    ['attachment', 'fallback.csv'],
  ])('reads %j as %j', (header, name) => {
    expect(attachmentName(header, 'fallback.csv')).toBe(name);
  });
});
