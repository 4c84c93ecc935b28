import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

/** Refuses `null` with "<field> must not be null"; any other value (undefined included) passes this rule. */
export function IsNotNull(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotNull',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must not be null`, ...options },
      validator: { validate: (value: unknown) => value !== null },
    });
}

/**
 * An optional field whose column is NOT NULL: leaving it out is fine, `null` is a 400 naming it. Use instead of
 * `@IsOptional()`, which lets `null` through every other rule of the field.
 */
export function IsOptionalNonNull(options?: ValidationOptions): PropertyDecorator {
  const skipWhenUndefined = ValidateIf((_object: object, value: unknown) => value !== undefined);
  const refuseNull = IsNotNull(options);
  return (target, propertyName) => {
    skipWhenUndefined(target, propertyName);
    refuseNull(target, propertyName);
  };
}
