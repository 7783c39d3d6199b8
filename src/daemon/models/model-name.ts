import { ApiError } from '../errors.ts';

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** Model names are plain ASCII so they are safe in URLs, file names and logs (no lookalike Unicode). */
export function checkModelName(name: string): string {
  if (!NAME.test(name) || /^\.+$/.test(name)) {
    throw ApiError.field(
      'MODELAPI_ERR_VALIDATION',
      'model',
      'must be 1 to 64 characters from A-Z a-z 0-9 _ . - (and not only dots)',
    );
  }
  return name;
}
