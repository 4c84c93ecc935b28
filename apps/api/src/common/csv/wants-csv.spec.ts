import express, { type Request } from 'express';
import { wantsCsv } from './wants-csv';

/** A request with Express's own `accepts` (content negotiation as the app does it). */
const request = (accept?: string): Request => Object.assign(Object.create(express.request) as Request, { headers: accept === undefined ? {} : { accept } });

describe('wantsCsv', () => {
  it.each([
    [undefined, undefined, false],
    ['*/*', undefined, false],
    ['application/json', undefined, false],
    ['text/csv', undefined, true],
    ['text/csv, application/json;q=0.5', undefined, true],
    ['application/json, text/csv;q=0.5', undefined, false],
    ['application/json', 'csv', true],
    ['text/csv', 'json', false],
  ] as const)('Accept %j with format %j → CSV %j', (accept, format, csv) => {
    expect(wantsCsv(request(accept), format)).toBe(csv);
  });
});
