import { INT4_MAX } from '@capacity/contracts';
import { ApiParam } from '@nestjs/swagger';

/** The `:id` of an instance route as ParseIdPipe reads it: a positive int4. */
export const ApiInstanceIdParam = (): MethodDecorator & ClassDecorator =>
  ApiParam({ name: 'id', description: 'The instance id', schema: { type: 'integer', minimum: 1, maximum: INT4_MAX } });
