import { ApiError, apiErrorOf, formApiErrors, messagesByField } from './api-error';

const answer = (status: number, body: string, statusText = '') => new Response(body, { status, statusText });

describe('apiErrorOf', () => {
  it('reads the message and the fields of the error body', async () => {
    const error = await apiErrorOf(
      answer(400, JSON.stringify({ statusCode: 400, error: 'Bad Request', message: ['name must be shorter', 'port must be an integer'], fields: ['name', 'port'] })),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toBe('name must be shorter; port must be an integer');
    expect(error.messages).toEqual(['name must be shorter', 'port must be an integer']);
    expect(error.fields).toEqual(['name', 'port']);
  });

  it('falls back to the status line when the body is not an error body', async () => {
    const error = await apiErrorOf(answer(502, '<html>bad gateway</html>', 'Bad Gateway'));
    expect(error.message).toBe('502 Bad Gateway');
    expect(error.fields).toEqual([]);
  });
});

describe('messagesByField', () => {
  it("gives each field the messages that start with its name", () => {
    const error = new ApiError(400, ['name must be shorter', 'tags.1: must be at most 64 characters', 'name must be a string'], ['name', 'tags.1']);
    expect(messagesByField(error)).toEqual({ name: 'name must be shorter; name must be a string', 'tags.1': 'tags.1: must be at most 64 characters' });
  });

  it('gives a field the whole message when no message starts with its name', () => {
    expect(messagesByField(new ApiError(409, 'an instance named pg1 already exists', ['name']))).toEqual({ name: 'an instance named pg1 already exists' });
  });
});

describe('formApiErrors', () => {
  const keys = ['name', 'host'] as const;

  it("places the messages of the form's fields and needs no banner when every field is placed", () => {
    expect(formApiErrors(new ApiError(400, ['name must be shorter'], ['name']), keys)).toEqual({ byField: { name: 'name must be shorter' }, unplaced: false });
  });

  it('asks for a banner when a named field is not in the form, or no field is named', () => {
    expect(formApiErrors(new ApiError(400, ['tags.1: too long'], ['tags.1']), keys).unplaced).toBe(true);
    expect(formApiErrors(new ApiError(503, 'repository down'), keys)).toEqual({ byField: {}, unplaced: true });
    expect(formApiErrors(new Error('boom'), keys).unplaced).toBe(true);
  });

  it('has nothing to show without an error', () => {
    expect(formApiErrors(null, keys)).toEqual({ byField: {}, unplaced: false });
  });
});
