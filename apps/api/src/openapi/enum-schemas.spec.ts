import type { OpenAPIObject } from '@nestjs/swagger';
import { tidyEnumSchemas } from './enum-schemas';

type Schema = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];

const document = (properties: Record<string, Schema>): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {},
  components: {
    schemas: {
      DbType: { type: 'string', enum: ['postgresql', 'mysql'], description: 'Only instances of this engine' },
      Row: { type: 'object', properties },
    },
  },
});

const rowProperties = (tidied: OpenAPIObject) => (tidied.components?.schemas?.Row as { properties: Record<string, unknown> } | undefined)?.properties;

describe('tidyEnumSchemas', () => {
  it('puts the enum inline beside nullable, where a reference would not let null through', () => {
    const tidied = tidyEnumSchemas(document({ db_type: { nullable: true, description: 'engine', allOf: [{ $ref: '#/components/schemas/DbType' }] } }));
    expect(rowProperties(tidied)?.db_type).toEqual({
      type: 'string',
      enum: ['postgresql', 'mysql'],
      nullable: true,
      description: 'engine',
    });
  });

  it('leaves references to non-enum schemas and non-nullable ones alone', () => {
    const plain = { allOf: [{ $ref: '#/components/schemas/DbType' }], description: 'engine' };
    const toObject = { nullable: true, allOf: [{ $ref: '#/components/schemas/Row' }] };
    const tidied = tidyEnumSchemas(document({ plain, toObject }));
    expect(rowProperties(tidied)).toEqual({ plain, toObject });
  });

  it('drops the description an enum component borrowed from its first use', () => {
    expect(tidyEnumSchemas(document({})).components?.schemas?.DbType).toEqual({ type: 'string', enum: ['postgresql', 'mysql'] });
  });
});
